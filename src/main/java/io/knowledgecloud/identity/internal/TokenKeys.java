package io.knowledgecloud.identity.internal;

import java.util.Map;

import org.springframework.stereotype.Component;

/** Public view of the signing keys, and rotation on demand. */
@Component
public class TokenKeys {

	private final SigningKeys keys;

	TokenKeys(SigningKeys keys) {
		this.keys = keys;
	}

	public Map<String, Object> jwks() {
		return keys.publicKeys().toJSONObject(true);
	}

	/** Starts signing with a new key; returns its kid. */
	public String rotate() {
		return keys.rotate();
	}
}
