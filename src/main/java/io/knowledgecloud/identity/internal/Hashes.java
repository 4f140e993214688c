package io.knowledgecloud.identity.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * SHA-256 for high-entropy secrets (refresh tokens, API keys, recovery codes): these are random,
 * so a fast hash is safe and allows lookup; passwords use Argon2id instead.
 */
final class Hashes {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Hashes() {
	}

	static String sha256(String secret) {
		return io.knowledgecloud.platform.Digests.sha256Hex(secret);
	}

	static String randomToken(int bytes) {
		byte[] buf = new byte[bytes];
		RANDOM.nextBytes(buf);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buf);
	}
}
