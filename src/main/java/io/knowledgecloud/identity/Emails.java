package io.knowledgecloud.identity;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** E-mail addresses are compared in one canonical form: trimmed, NFC, lower case. */
public final class Emails {

	private static final Pattern SHAPE = Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+$");

	private Emails() {
	}

	public static String normalize(String email) {
		String normalized = java.text.Normalizer.normalize(email.strip(), java.text.Normalizer.Form.NFC)
			.toLowerCase(Locale.ROOT);
		if (normalized.length() > 254 || !SHAPE.matcher(normalized).matches()) {
			throw new InvalidEmail();
		}
		return normalized;
	}

	/** The address is not a plausible e-mail address. */
	public static final class InvalidEmail extends KnowledgeCloudException {

		InvalidEmail() {
			super(HttpStatus.BAD_REQUEST, "invalid_email", "The e-mail address is not valid.");
		}
	}
}
