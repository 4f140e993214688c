package io.knowledgecloud.document.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.SecretBox;

/**
 * Signs and verifies the tokens of signed download and upload URLs: {@code base64url(payload)}
 * {@code .} {@code base64url(HMAC-SHA256(payload))} under a key derived from the master key. The
 * payload names its kind, so a download token can never be used as an upload token. The
 * signature is checked before the expiry, so a tampered expiry is {@code signed_url_invalid}.
 */
@Component
class SignedLinks {

	/** A download of one document version. */
	record Download(UUID workspaceId, UUID documentId, int version, Instant expiresAt) {
	}

	/** One upload into a workspace on behalf of {@code uploader}. */
	record Upload(UUID id, UUID workspaceId, UUID uploader, Instant expiresAt) {
	}

	private static final int MAX_TOKEN = 512;
	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
	private static final Base64.Decoder B64D = Base64.getUrlDecoder();

	private final byte[] key;
	private final Clock clock;

	SignedLinks(SecretBox secrets, Clock clock) {
		this.key = secrets.deriveKey("document-signed-urls");
		this.clock = clock;
	}

	String sign(Download d) {
		return token("d|" + d.workspaceId() + "|" + d.documentId() + "|" + d.version() + "|"
				+ d.expiresAt().getEpochSecond());
	}

	String sign(Upload u) {
		return token("u|" + u.id() + "|" + u.workspaceId() + "|" + u.uploader() + "|" + u.expiresAt().getEpochSecond());
	}

	Download download(String token) {
		String[] f = verify(token, "d", 5);
		try {
			return notExpired(new Download(UUID.fromString(f[1]), UUID.fromString(f[2]), Integer.parseInt(f[3]),
					Instant.ofEpochSecond(Long.parseLong(f[4]))), Download::expiresAt);
		}
		catch (IllegalArgumentException e) {
			throw new SignedUrlInvalid();
		}
	}

	Upload upload(String token) {
		String[] f = verify(token, "u", 5);
		try {
			return notExpired(new Upload(UUID.fromString(f[1]), UUID.fromString(f[2]), UUID.fromString(f[3]),
					Instant.ofEpochSecond(Long.parseLong(f[4]))), Upload::expiresAt);
		}
		catch (IllegalArgumentException e) {
			throw new SignedUrlInvalid();
		}
	}

	private <T> T notExpired(T link, java.util.function.Function<T, Instant> expiry) {
		if (!clock.instant().isBefore(expiry.apply(link))) {
			throw new SignedUrlExpired();
		}
		return link;
	}

	private String token(String payload) {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
	}

	private String[] verify(String token, String kind, int fields) {
		int dot = token.indexOf('.');
		if (token.length() > MAX_TOKEN || dot <= 0 || dot != token.lastIndexOf('.')) {
			throw new SignedUrlInvalid();
		}
		byte[] payload;
		byte[] signature;
		try {
			payload = B64D.decode(token.substring(0, dot));
			signature = B64D.decode(token.substring(dot + 1));
		}
		catch (IllegalArgumentException e) {
			throw new SignedUrlInvalid();
		}
		if (!MessageDigest.isEqual(mac(payload), signature)) {
			throw new SignedUrlInvalid();
		}
		String[] f = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
		if (f.length != fields || !f[0].equals(kind)) {
			throw new SignedUrlInvalid();
		}
		return f;
	}

	private byte[] mac(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The token was not issued by this installation, or was changed. */
	static final class SignedUrlInvalid extends KnowledgeCloudException {
		SignedUrlInvalid() {
			super(HttpStatus.FORBIDDEN, "signed_url_invalid", "This link is not valid.");
		}
	}

	/** The token's lifetime is over. */
	static final class SignedUrlExpired extends KnowledgeCloudException {
		SignedUrlExpired() {
			super(HttpStatus.GONE, "signed_url_expired", "This link has expired; ask for a new one.");
		}
	}

	/** An upload link may be used once. */
	static final class UploadUrlUsed extends KnowledgeCloudException {
		UploadUrlUsed() {
			super(HttpStatus.CONFLICT, "upload_url_used", "This upload link has already been used; ask for a new one.");
		}
	}
}
