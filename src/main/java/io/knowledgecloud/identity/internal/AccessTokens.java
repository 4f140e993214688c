package io.knowledgecloud.identity.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.knowledgecloud.identity.UserId;

/**
 * Issues and verifies the two kinds of JWT: access tokens ({@code typ: at+jwt}) and the short
 * token between the password and the TOTP step ({@code typ: kc-mfa+jwt}). Verification accepts
 * only ES256 with a known {@code kid}, the expected type, issuer and an unexpired {@code exp};
 * {@code alg: none}, HMAC algorithms and unknown keys are refused by construction.
 */
@Component
class AccessTokens {

	static final JOSEObjectType ACCESS = new JOSEObjectType("at+jwt");
	static final JOSEObjectType MFA = new JOSEObjectType("kc-mfa+jwt");

	/** Verified access-token content. */
	record Access(UserId userId, String email, UUID sessionId, Instant expiresAt) {
	}

	/** An issued token and its lifetime. */
	record Issued(String token, Duration ttl) {
	}

	private final SigningKeys keys;
	private final Clock clock;
	private final IdentitySettings settings;
	private final DefaultJWTProcessor<SecurityContext> accessProcessor;
	private final DefaultJWTProcessor<SecurityContext> mfaProcessor;
	private final com.github.benmanes.caffeine.cache.Cache<String, Access> verified;

	AccessTokens(SigningKeys keys, Clock clock, IdentitySettings settings) {
		this.keys = keys;
		this.clock = clock;
		this.settings = settings;
		this.verified = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterWrite(settings.accessTokenTtl())
			.build();
		JWKSource<SecurityContext> source = this::select;
		this.accessProcessor = processor(source, ACCESS, Set.of("sub", "sid", "email", "exp", "iat", "jti"));
		this.mfaProcessor = processor(source, MFA, Set.of("sub", "exp", "iat", "jti"));
	}

	Issued issueAccess(UserId userId, String email, UUID sessionId) {
		Instant now = clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(settings.issuer())
			.subject(userId.toString())
			.claim("email", email)
			.claim("sid", sessionId.toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(settings.accessTokenTtl())))
			.jwtID(UUID.randomUUID().toString())
			.build();
		return new Issued(sign(ACCESS, claims), settings.accessTokenTtl());
	}

	Issued issueMfa(UserId userId) {
		Instant now = clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(settings.issuer())
			.subject(userId.toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(settings.mfaTokenTtl())))
			.jwtID(UUID.randomUUID().toString())
			.build();
		return new Issued(sign(MFA, claims), settings.mfaTokenTtl());
	}

	/**
	 * The access token's content, or null when it is not a valid, unexpired access token.
	 * Verified tokens are remembered by their exact text (signature included), so a client's
	 * repeated requests pay the ES256 verification once; expiry is still checked on every call.
	 */
	@Nullable Access verifyAccess(String token) {
		Access cached = verified.getIfPresent(token);
		if (cached != null) {
			// the same 60 s clock skew the JWT claims verifier allows
			return cached.expiresAt().plusSeconds(60).isAfter(clock.instant()) ? cached : null;
		}
		Access access = verifyUncached(token);
		if (access != null) {
			verified.put(token, access);
		}
		return access;
	}

	private @Nullable Access verifyUncached(String token) {
		JWTClaimsSet claims = verify(accessProcessor, token);
		if (claims == null) {
			return null;
		}
		try {
			return new Access(new UserId(UUID.fromString(claims.getSubject())), claims.getStringClaim("email"),
					UUID.fromString(claims.getStringClaim("sid")), claims.getExpirationTime().toInstant());
		}
		catch (ParseException | IllegalArgumentException e) {
			return null;
		}
	}

	/** What a valid MFA token says: whose login it continues, and its id and expiry (it works once). */
	record Mfa(UserId userId, String jti, Instant expiresAt) {
	}

	Mfa verifyMfa(String token) {
		JWTClaimsSet claims = verify(mfaProcessor, token);
		if (claims == null || claims.getJWTID() == null || claims.getExpirationTime() == null) {
			throw new InvalidMfaToken();
		}
		try {
			return new Mfa(new UserId(UUID.fromString(claims.getSubject())), claims.getJWTID(),
					claims.getExpirationTime().toInstant());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidMfaToken();
		}
	}

	private @Nullable JWTClaimsSet verify(DefaultJWTProcessor<SecurityContext> processor, String token) {
		if (token.length() > 4096) {
			return null;
		}
		try {
			return processor.process(token, null);
		}
		catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
			return null;
		}
	}

	private String sign(JOSEObjectType type, JWTClaimsSet claims) {
		var signing = keys.current().signing();
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signing.getKeyID()).type(type).build(), claims);
			jwt.sign(new ECDSASigner(signing));
			return jwt.serialize();
		}
		catch (JOSEException e) {
			throw new IllegalStateException("Cannot sign token", e);
		}
	}

	/** Keys matching the token header; an unknown kid triggers one reload (another replica rotated). */
	private List<JWK> select(JWKSelector selector, @Nullable SecurityContext context) throws KeySourceException {
		List<JWK> matches = selector.select(new com.nimbusds.jose.jwk.JWKSet(List.copyOf(keys.current().verifying())));
		if (matches.isEmpty() && selector.getMatcher().getKeyIDs() != null
				&& !selector.getMatcher().getKeyIDs().isEmpty()) {
			matches = selector.select(new com.nimbusds.jose.jwk.JWKSet(List.copyOf(keys.reloadThrottled().verifying())));
		}
		return matches;
	}

	private DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> source, JOSEObjectType type,
			Set<String> required) {
		var processor = new DefaultJWTProcessor<SecurityContext>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(type));
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, source));
		processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
				new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), required));
		return processor;
	}
}
