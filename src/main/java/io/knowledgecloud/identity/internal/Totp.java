package io.knowledgecloud.identity.internal;

import java.time.Clock;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

/**
 * RFC 6238 TOTP (SHA-1, 6 digits, 30 s) on the {@code dev.samstevens.totp} library. Checking
 * returns the matched time step so callers can refuse a code that was already used.
 */
@Component
class Totp {

	static final int PERIOD_SECONDS = 30;

	private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
	private final DefaultCodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
	private final RecoveryCodeGenerator recovery = new RecoveryCodeGenerator();
	private final Clock clock;

	Totp(Clock clock) {
		this.clock = clock;
	}

	String newSecret() {
		return secrets.generate();
	}

	String uri(String secret, String account) {
		return new QrData.Builder().label(account)
			.secret(secret)
			.issuer("KnowledgeCloud")
			.algorithm(HashingAlgorithm.SHA1)
			.digits(6)
			.period(PERIOD_SECONDS)
			.build()
			.getUri();
	}

	/** The time step the code belongs to (current ±1 for clock drift), if it is valid. */
	OptionalLong matchingStep(String secret, String code) {
		if (code == null || !code.matches("\\d{6}")) {
			return OptionalLong.empty();
		}
		long now = clock.millis() / 1000 / PERIOD_SECONDS;
		for (long step = now - 1; step <= now + 1; step++) {
			try {
				if (java.security.MessageDigest.isEqual(codes.generate(secret, step).getBytes(), code.getBytes())) {
					return OptionalLong.of(step);
				}
			}
			catch (CodeGenerationException e) {
				throw new IllegalStateException(e);
			}
		}
		return OptionalLong.empty();
	}

	String[] recoveryCodes() {
		return recovery.generateCodes(10);
	}
}
