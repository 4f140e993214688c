package io.knowledgecloud.identity.internal;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import io.knowledgecloud.platform.SecretBox;

/**
 * The ES256 keys that sign access tokens. The newest key signs; a rotated key keeps verifying
 * until every token it signed has expired. Private keys are stored encrypted with the master
 * key, so every replica signs and verifies with the same set.
 */
@Component
class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
	private static final String PURPOSE = "signing-key";

	/** Keys as loaded: the one that signs and all that still verify. */
	record KeySet(ECKey signing, List<ECKey> verifying, Instant signingSince) {
	}

	private final JdbcClient jdbc;
	private final SecretBox secrets;
	private final Clock clock;
	private final IdentitySettings settings;
	private final AtomicReference<KeySet> current = new AtomicReference<>();

	SigningKeys(JdbcClient jdbc, SecretBox secrets, Clock clock, IdentitySettings settings) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.clock = clock;
		this.settings = settings;
	}

	KeySet current() {
		KeySet keys = current.get();
		if (keys == null) {
			keys = reload();
		}
		return keys;
	}

	/** Reloads from the database, creating the first key if there is none. */
	synchronized KeySet reload() {
		List<StoredKey> stored = load();
		if (stored.stream().noneMatch(k -> k.retiredAt() == null)) {
			generate();
			stored = load();
		}
		StoredKey signing = stored.stream()
			.filter(k -> k.retiredAt() == null)
			.max(Comparator.comparing(StoredKey::createdAt))
			.orElseThrow();
		KeySet keys = new KeySet(signing.privateKey(), stored.stream().map(k -> k.privateKey().toPublicJWK()).toList(),
				signing.createdAt());
		current.set(keys);
		return keys;
	}

	private volatile Instant lastReload = Instant.EPOCH;

	/** Reloads at most every few seconds: unknown kids in forged tokens must not hammer the database. */
	KeySet reloadThrottled() {
		Instant now = clock.instant();
		if (lastReload.plusSeconds(5).isAfter(now)) {
			return current();
		}
		lastReload = now;
		return reload();
	}

	/** Public keys for {@code /.well-known/jwks.json}. */
	JWKSet publicKeys() {
		return new JWKSet(List.copyOf(current().verifying()));
	}

	/** Starts signing with a new key; the old one verifies until its tokens have expired. */
	@Transactional
	public synchronized String rotate() {
		Instant now = clock.instant();
		jdbc.sql("UPDATE identity_signing_keys SET retired_at = ?, verify_until = ? WHERE retired_at IS NULL")
			.params(Timestamp.from(now), Timestamp.from(now.plus(settings.accessTokenTtl()).plusSeconds(60)))
			.update();
		String kid = generate();
		reload();
		log.info("Rotated access-token signing key; new kid {}", kid);
		return kid;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void rotateWhenDue() {
		KeySet keys = reload();
		if (keys.signingSince().plus(settings.keyRotation()).isBefore(clock.instant())) {
			rotate();
		}
		jdbc.sql("DELETE FROM identity_signing_keys WHERE verify_until < ?").param(Timestamp.from(clock.instant()))
			.update();
	}

	private String generate() {
		try {
			String kid = UUID.randomUUID().toString();
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid)
				.algorithm(JWSAlgorithm.ES256)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
			jdbc.sql("INSERT INTO identity_signing_keys (kid, public_jwk, private_jwk_enc, created_at) VALUES (?, ?, ?, ?)")
				.params(kid, key.toPublicJWK().toJSONString(), secrets.encrypt(key.toJSONString(), PURPOSE),
						Timestamp.from(clock.instant()))
				.update();
			return kid;
		}
		catch (JOSEException e) {
			throw new IllegalStateException("Cannot generate a signing key", e);
		}
	}

	private record StoredKey(ECKey privateKey, Instant createdAt, Instant retiredAt) {
	}

	private List<StoredKey> load() {
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.sql("""
				SELECT private_jwk_enc, created_at, retired_at FROM identity_signing_keys
				WHERE verify_until IS NULL OR verify_until > ?""")
			.param(now)
			.query((rs, n) -> {
				try {
					Timestamp retired = rs.getTimestamp(3);
					return new StoredKey(ECKey.parse(secrets.decrypt(rs.getString(1), PURPOSE)),
							rs.getTimestamp(2).toInstant(), retired == null ? null : retired.toInstant());
				}
				catch (ParseException e) {
					throw new IllegalStateException("Stored signing key is unreadable", e);
				}
			})
			.list();
	}
}
