package io.knowledgecloud.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Opaque, tamper-evident keyset cursors: the last row's sort keys, joined, base64url-encoded
 * and followed by an HMAC-SHA256 tag under a key derived from the master key. A client cannot
 * forge a position, and a cursor from another list (different {@code scope}) is refused.
 */
@Component
public class Cursors {

	private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
	private static final Base64.Decoder DEC = Base64.getUrlDecoder();
	private static final char SEP = '\u001f';

	private final byte[] key;
	private final PlatformSettings.Web web;

	public Cursors(SecretBox secrets, PlatformSettings settings) {
		this.key = secrets.deriveKey("cursor");
		this.web = settings.web();
	}

	/** Validates {@code limit} and decodes {@code cursor} for the list named {@code scope}. */
	public PageRequest request(String scope, @Nullable String cursor, @Nullable Integer limit) {
		int size = limit == null ? web.defaultPageSize() : limit;
		if (size < 1 || size > web.maxPageSize()) {
			throw new InvalidPageRequest("invalid_limit",
					"limit must be between 1 and " + web.maxPageSize() + ", was " + size);
		}
		if (cursor == null || cursor.isBlank()) {
			return new PageRequest(List.of(), size);
		}
		return new PageRequest(decode(scope, cursor), size);
	}

	/**
	 * Cuts {@code rows} (fetched with {@code limit + 1}) to the page and encodes the position of
	 * its last row when more rows follow.
	 */
	public <T> CursorPage<T> page(String scope, List<T> rows, PageRequest request,
			Function<T, List<String>> sortKeys) {
		if (rows.size() <= request.limit()) {
			return new CursorPage<>(List.copyOf(rows), null);
		}
		List<T> items = List.copyOf(rows.subList(0, request.limit()));
		return new CursorPage<>(items, encode(scope, sortKeys.apply(items.getLast())));
	}

	String encode(String scope, List<String> keys) {
		String payload = String.join(String.valueOf(SEP), keys);
		byte[] body = payload.getBytes(StandardCharsets.UTF_8);
		return ENC.encodeToString(body) + "." + ENC.encodeToString(tag(scope, body));
	}

	List<String> decode(String scope, String cursor) {
		int dot = cursor.indexOf('.');
		try {
			if (dot <= 0 || cursor.length() > 2048) {
				throw new IllegalArgumentException();
			}
			byte[] body = DEC.decode(cursor.substring(0, dot));
			byte[] tag = DEC.decode(cursor.substring(dot + 1));
			if (!MessageDigest.isEqual(tag, tag(scope, body))) {
				throw new IllegalArgumentException();
			}
			return Arrays.asList(new String(body, StandardCharsets.UTF_8).split(String.valueOf(SEP), -1));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidPageRequest("invalid_cursor", "The cursor is malformed, tampered with or from another list.");
		}
	}

	private byte[] tag(String scope, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update(scope.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return Arrays.copyOf(mac.doFinal(body), 16);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The page request's cursor or limit is not acceptable. */
	public static final class InvalidPageRequest extends KnowledgeCloudException {

		InvalidPageRequest(String code, String detail) {
			super(HttpStatus.BAD_REQUEST, code, detail);
		}
	}
}
