package io.knowledgecloud.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Advanced query syntax is checked before it reaches an engine. */
class AdvancedSyntaxTest {

	@Test
	void validSyntaxPasses() {
		assertThat(AdvancedSyntax.problem("\"blue whales\" -krill")).isNull();
		assertThat(AdvancedSyntax.problem("(solar | wind) power*")).isNull();
		assertThat(AdvancedSyntax.problem("colour~1 \\\"quoted")).isNull();
	}

	@Test
	void brokenSyntaxIsNamed() {
		assertThat(AdvancedSyntax.problem("\"blue whales")).isEqualTo("unclosed quote");
		assertThat(AdvancedSyntax.problem("(a | b")).isEqualTo("unclosed parenthesis");
		assertThat(AdvancedSyntax.problem("a) b")).startsWith("unbalanced parenthesis");
		assertThat(AdvancedSyntax.problem("solar |")).isEqualTo("operator '|' has no operand");
		assertThat(AdvancedSyntax.problem("colour~7")).startsWith("fuzziness above 2");
		assertThat(AdvancedSyntax.problem("-- ||")).isNotNull();
		assertThat(AdvancedSyntax.problem("a ".repeat(65))).isEqualTo("more than 64 terms");
	}
}
