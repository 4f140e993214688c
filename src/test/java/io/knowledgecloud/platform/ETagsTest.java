package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ETags from versions and the If-Match precondition of updates. */
class ETagsTest {

	@Test
	void anETagIsTheQuotedVersion() {
		assertThat(ETags.of(0)).isEqualTo("\"0\"");
		assertThat(ETags.of(42)).isEqualTo("\"42\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"7\"", "*", " \"7\" ", "\"6\", \"7\"", "\"6\",\"7\",\"8\"" })
	void aMatchingIfMatchPasses(String ifMatch) {
		assertThatCode(() -> ETags.checkIfMatch(ifMatch, 7)).doesNotThrowAnyException();
	}

	@Test
	void withoutIfMatchTheUpdateIsUnconditional() {
		assertThatCode(() -> ETags.checkIfMatch(null, 7)).doesNotThrowAnyException();
		assertThatCode(() -> ETags.checkIfMatch("", 7)).doesNotThrowAnyException();
		assertThatCode(() -> ETags.checkIfMatch("  ", 7)).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"6\"", "\"8\"", "7", "\"07\"", "\"6\", \"8\"", "\"\"", "**" })
	void aStaleOrMalformedIfMatchFailsWith412(String ifMatch) {
		assertThatThrownBy(() -> ETags.checkIfMatch(ifMatch, 7))
			.isInstanceOfSatisfying(ETags.PreconditionFailed.class, e -> {
				assertThat(e.status().value()).isEqualTo(412);
				assertThat(e.code()).isEqualTo("precondition_failed");
				assertThat(e.getMessage()).contains("\"7\"");
			});
	}
}
