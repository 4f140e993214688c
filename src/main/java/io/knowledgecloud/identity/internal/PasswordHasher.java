package io.knowledgecloud.identity.internal;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashing with the configured cost. {@link #matchesNobody(String)} spends the
 * same work as a real check so that unknown users and wrong passwords take the same time.
 */
@Component
class PasswordHasher {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final int SALT_BYTES = 16;
	private static final int HASH_BYTES = 32;

	private final Argon2PasswordEncoder encoder;
	/**
	 * An Argon2id hash string with the configured cost, a random salt and random hash bytes that no
	 * password produces: checking a password against it costs exactly what a real check costs, and
	 * nothing is hashed to make it (hashing one at start-up held readiness for 0.66 s).
	 */
	private final String dummyHash;

	PasswordHasher(IdentitySettings settings) {
		var argon2 = settings.argon2();
		this.encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, argon2.parallelism(), argon2.memoryKib(),
				argon2.iterations());
		var base64 = Base64.getEncoder().withoutPadding();
		this.dummyHash = "$argon2id$v=19$m=" + argon2.memoryKib() + ",t=" + argon2.iterations() + ",p="
				+ argon2.parallelism() + "$" + base64.encodeToString(random(SALT_BYTES)) + "$"
				+ base64.encodeToString(random(HASH_BYTES));
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** The hash {@link #matchesNobody} checks against; for tests. */
	String dummyHash() {
		return dummyHash;
	}

	String hash(String password) {
		return encoder.encode(password);
	}

	boolean matches(String password, String hash) {
		return encoder.matches(password, hash);
	}

	/** True when the hash was made with other parameters and should be replaced. */
	boolean needsRehash(String hash) {
		return encoder.upgradeEncoding(hash);
	}

	void matchesNobody(String password) {
		encoder.matches(password, dummyHash);
	}
}
