package io.knowledgecloud.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The password rules, without Spring: length, common list, repeated character, e-mail address. */
class PasswordPolicyTest {

	private static final String EMAIL = "mia.muster@example.test";

	private final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void acceptsALongEnoughUncommonPassword() {
		assertThatCode(() -> policy.check("plenty-of-entropy-42", EMAIL)).doesNotThrowAnyException();
		assertThatCode(() -> policy.check("twelve-chars", EMAIL)).doesNotThrowAnyException();
	}

	@Test
	void refusesPasswordsShorterThanTwelveCharacters() {
		assertWeak("eleven-char", "at least 12");
		assertWeak("", "at least 12");
	}

	@Test
	void countsCodePointsNotUtf16Units() {
		// six emoji are twelve UTF-16 units but only six characters
		assertWeak("😀😁😂🤣😃😄", "at least 12");
		assertThatCode(() -> policy.check("😀😁😂🤣😃😄😅😆😉😊😋😎", EMAIL)).doesNotThrowAnyException();
	}

	@Test
	void refusesPasswordsLongerThan1024Characters() {
		String longest = "ab".repeat(512);
		assertThatCode(() -> policy.check(longest, EMAIL)).doesNotThrowAnyException();
		assertWeak(longest + "c", "at most 1024");
	}

	@ParameterizedTest
	@ValueSource(strings = { "password1234", "Password1234", "PASSWORD1234", "qwertyuiop123", "123456789012" })
	void refusesCommonPasswordsWhateverTheirCase(String common) {
		assertWeak(common, "commonly used");
	}

	@ParameterizedTest
	@ValueSource(strings = { "aaaaaaaaaaaaaaaa", "AAAAAAAAAAAAAAAA", "aAaAaAaAaAaAaAaA", "!!!!!!!!!!!!" })
	void refusesOneRepeatedCharacter(String repeated) {
		assertWeak(repeated, "repeated character");
	}

	@Test
	void refusesTheEmailAddressOrItsLocalPart() {
		assertWeak(EMAIL, "e-mail address");
		assertWeak(EMAIL.toUpperCase(), "e-mail address");
		String local = "long.local.part";
		assertWeak(local, local + "@example.test", "e-mail address");
		assertThatCode(() -> policy.check(local + "-and-more", local + "@example.test")).doesNotThrowAnyException();
	}

	private void assertWeak(String password, String reason) {
		assertWeak(password, EMAIL, reason);
	}

	private void assertWeak(String password, String email, String reason) {
		assertThatThrownBy(() -> policy.check(password, email)).isInstanceOfSatisfying(WeakPassword.class, e -> {
			assertThat(e.code()).isEqualTo("weak_password");
			assertThat(e.status().value()).isEqualTo(400);
			assertThat(e.getMessage()).contains(reason);
		});
	}
}
