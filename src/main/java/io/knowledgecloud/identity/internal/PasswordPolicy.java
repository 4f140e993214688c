package io.knowledgecloud.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Password rules: 12 to 1024 characters, not one of the common passwords shipped in
 * {@code identity/common-passwords.txt}, not a single repeated character, not the e-mail address.
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;
	static final int MAX_LENGTH = 1024;

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load();
	}

	void check(String password, String email) {
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			throw new WeakPassword("The password must have at least " + MIN_LENGTH + " characters.");
		}
		if (length > MAX_LENGTH) {
			throw new WeakPassword("The password must have at most " + MAX_LENGTH + " characters.");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (common.contains(lower)) {
			throw new WeakPassword("This password is among the most commonly used ones; choose another.");
		}
		if (lower.chars().distinct().count() == 1) {
			throw new WeakPassword("The password must not be one repeated character.");
		}
		if (lower.equals(email) || lower.equals(email.substring(0, email.indexOf('@')))) {
			throw new WeakPassword("The password must not be your e-mail address.");
		}
	}

	private static Set<String> load() {
		Set<String> words = new HashSet<>();
		try (var reader = new BufferedReader(new InputStreamReader(
				new ClassPathResource("identity/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(words::add);
		}
		catch (IOException e) {
			throw new IllegalStateException("common password list missing from the jar", e);
		}
		return Set.copyOf(words);
	}
}
