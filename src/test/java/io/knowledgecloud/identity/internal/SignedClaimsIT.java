package io.knowledgecloud.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/**
 * Tokens signed with the server's own current key whose claims must still be refused: expired,
 * of another type (an MFA token), from another issuer, incomplete, or oversized. The server key
 * is not reachable over HTTP, so this test sits next to {@link SigningKeys}; each case changes
 * one thing in a token that is first shown to work.
 */
@IntegrationTest
class SignedClaimsIT {

	private final Api api;
	private final SigningKeys keys;
	private final IdentitySettings settings;
	private final Clock clock;
	private Api.User user;
	private JWTClaimsSet genuine;

	@Autowired
	SignedClaimsIT(@LocalServerPort int port, SigningKeys keys, IdentitySettings settings, Clock clock) {
		this.api = new Api(port);
		this.keys = keys;
		this.settings = settings;
		this.clock = clock;
	}

	@BeforeEach
	void signUp() throws Exception {
		user = api.signUp("signed-claims");
		genuine = SignedJWT.parse(user.accessToken()).getJWTClaimsSet();
	}

	@Test
	void aTokenSignedHereWithTheGenuineClaimsWorks() throws Exception {
		assertThat(status(sign(AccessTokens.ACCESS, genuine))).isEqualTo(200);
	}

	@Test
	void expiredTokensAreRefused() throws Exception {
		// issued by the real code one lifetime plus the verifier's 60 s clock-skew allowance ago
		Clock past = Clock.offset(clock, settings.accessTokenTtl().plusMinutes(2).negated());
		var issuer = new AccessTokens(keys, past, settings);
		String expired = issuer.issueAccess(new UserId(UUID.fromString(user.id())), user.email(), sessionId()).token();
		assertRefused(expired);

		Instant now = clock.instant();
		assertRefused(sign(AccessTokens.ACCESS, with(c -> c.expirationTime(Date.from(now.minusSeconds(120))))));
		assertRefused(sign(AccessTokens.ACCESS, with(c -> c.expirationTime(Date.from(now.minus(Duration.ofDays(365)))))));
	}

	@Test
	void aTokenThatNeverExpiresIsRefused() throws Exception {
		assertRefused(sign(AccessTokens.ACCESS, with(c -> c.expirationTime(null))));
	}

	@Test
	void anMfaTokenIsNotAnAccessToken() throws Exception {
		String mfa = new AccessTokens(keys, clock, settings).issueMfa(new UserId(UUID.fromString(user.id()))).token();
		assertRefused(mfa);
		// even carrying every access-token claim, the kc-mfa+jwt type alone must refuse it
		assertRefused(sign(AccessTokens.MFA, genuine));
	}

	@Test
	void anyOtherOrMissingTypeIsRefused() throws Exception {
		assertRefused(sign(JOSEObjectType.JWT, genuine));
		assertRefused(sign(new JOSEObjectType("AT+JWT-other"), genuine));
		assertRefused(sign(null, genuine));
	}

	@Test
	void anotherOrMissingIssuerIsRefused() throws Exception {
		assertRefused(sign(AccessTokens.ACCESS, with(c -> c.issuer("https://evil.test"))));
		assertRefused(sign(AccessTokens.ACCESS, with(c -> c.issuer(null))));
	}

	@Test
	void tokensLackingARequiredClaimAreRefused() throws Exception {
		for (String claim : new String[] { "sub", "sid", "email", "iat", "jti" }) {
			assertRefused(sign(AccessTokens.ACCESS, with(c -> c.claim(claim, null))));
		}
	}

	@Test
	void malformedSubjectOrSessionIsRefused() throws Exception {
		assertRefused(sign(AccessTokens.ACCESS, with(c -> c.subject("not-a-uuid"))));
		assertRefused(sign(AccessTokens.ACCESS, with(c -> c.claim("sid", "not-a-uuid"))));
		assertRefused(sign(AccessTokens.ACCESS, with(c -> c.claim("sid", UUID.randomUUID().toString()))));
	}

	@Test
	void aTokenLargerThan4KiBIsRefusedEvenWhenSigned() throws Exception {
		assertThat(status(sign(AccessTokens.ACCESS, with(c -> c.claim("pad", "x".repeat(2500)))))).isEqualTo(200);
		String oversized = sign(AccessTokens.ACCESS, with(c -> c.claim("pad", "x".repeat(3500))));
		assertThat(oversized.length()).isGreaterThan(4096);
		assertRefused(oversized);
	}

	private UUID sessionId() throws Exception {
		return UUID.fromString(genuine.getStringClaim("sid"));
	}

	private JWTClaimsSet with(UnaryOperator<JWTClaimsSet.Builder> change) {
		return change.apply(new JWTClaimsSet.Builder(genuine)).build();
	}

	private String sign(@Nullable JOSEObjectType type, JWTClaimsSet claims) throws JOSEException {
		ECKey key = keys.current().signing();
		var header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID());
		if (type != null) {
			header.type(type);
		}
		SignedJWT jwt = new SignedJWT(header.build(), claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private int status(String token) {
		return api.get("/api/v1/me").token(token).send().status();
	}

	private void assertRefused(String token) {
		Response response = api.get("/api/v1/me").token(token).send();
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.code()).isEqualTo("unauthenticated");
	}
}
