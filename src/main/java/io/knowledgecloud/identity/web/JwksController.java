package io.knowledgecloud.identity.web;

import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.internal.TokenKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Public keys that verify access tokens, for other services and gateways. */
@RestController
@Tag(name = "Authentication")
class JwksController {

	private final TokenKeys keys;

	JwksController(TokenKeys keys) {
		this.keys = keys;
	}

	@GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
	@SecurityRequirements
	@Operation(summary = "JSON Web Key Set of the access-token signing keys")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5))).body(keys.jwks());
	}
}
