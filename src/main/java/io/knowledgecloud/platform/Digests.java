package io.knowledgecloud.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex: how modules store high-entropy secrets (refresh tokens, API keys,
 * invitation tokens, recovery codes) so they can be looked up without keeping the secret.
 * Passwords are not such secrets: they use Argon2id.
 */
public final class Digests {

	private Digests() {
	}

	public static String sha256Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
