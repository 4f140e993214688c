package io.knowledgecloud.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one canonical form e-mail addresses are compared in, and what is not an address. */
class EmailsTest {

	@Test
	void trimsAndLowerCases() {
		assertThat(Emails.normalize("  Mia.Muster@Example.TEST \t")).isEqualTo("mia.muster@example.test");
	}

	@Test
	void composesUnicodeSoBothSpellingsAreOneAddress() {
		String decomposed = "rene\u0301@example.test";
		String composed = "ren\u00e9@example.test";
		assertThat(Emails.normalize(decomposed)).isEqualTo(composed).isEqualTo(Emails.normalize(composed));
	}

	@Test
	void keepsPlusAndDotsAsTheyAre() {
		assertThat(Emails.normalize("a.b+tag@sub.example.test")).isEqualTo("a.b+tag@sub.example.test");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "no-at-sign", "@example.test", "mia@", "mia@localhost", "mia@@example.test",
			"mia@exa@mple.test", "mia muster@example.test", "mia@exam ple.test", "mia\u0000@example.test",
			"mia\n@example.test", "mia@example.test\r\nBcc: x@evil.test" })
	void refusesWhatIsNotAnAddress(String input) {
		assertInvalid(input);
	}

	@Test
	void boundsTheLocalPartAndTheWholeAddress() {
		String local64 = "a".repeat(64);
		assertThat(Emails.normalize(local64 + "@example.test")).startsWith(local64);
		assertInvalid("a".repeat(65) + "@example.test");

		String domain = "d".repeat(240 - ".test".length()) + ".test";
		String longest = "a".repeat(254 - domain.length() - 1) + "@" + domain;
		assertThat(longest).hasSize(254);
		assertThat(Emails.normalize(longest)).isEqualTo(longest);
		assertInvalid("a" + longest);
	}

	private static void assertInvalid(String input) {
		assertThatThrownBy(() -> Emails.normalize(input)).isInstanceOfSatisfying(Emails.InvalidEmail.class, e -> {
			assertThat(e.code()).isEqualTo("invalid_email");
			assertThat(e.status().value()).isEqualTo(400);
		});
	}
}
