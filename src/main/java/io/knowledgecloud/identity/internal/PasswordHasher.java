package io.knowledgecloud.identity.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashing with the configured cost. {@link #matchesNobody(String)} spends the
 * same work as a real check so that unknown users and wrong passwords take the same time.
 */
@Component
class PasswordHasher {

	private final Argon2PasswordEncoder encoder;
	/**
	 * A hash with the configured cost, for {@link #matchesNobody}. Made by {@link PasswordHasherWarmUp}
	 * after the server is ready (one Argon2id hash of cold code took 0.66 s of start-up), or by the
	 * first check that needs it before that.
	 */
	private volatile @Nullable String dummyHash;

	PasswordHasher(IdentitySettings settings) {
		var argon2 = settings.argon2();
		this.encoder = new Argon2PasswordEncoder(16, 32, argon2.parallelism(), argon2.memoryKib(),
				argon2.iterations());
	}

	/** Makes the timing equaliser's hash unless it exists. */
	void warmUp() {
		dummyHash();
	}

	private String dummyHash() {
		String hash = dummyHash;
		if (hash == null) {
			synchronized (this) {
				hash = dummyHash;
				if (hash == null) {
					hash = encoder.encode("knowledgecloud-timing-equaliser");
					dummyHash = hash;
				}
			}
		}
		return hash;
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
		encoder.matches(password, dummyHash());
	}
}
