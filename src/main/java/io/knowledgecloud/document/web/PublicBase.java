package io.knowledgecloud.document.web;

import java.net.URI;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.knowledgecloud.platform.PlatformSettings;

/** The base of links handed to clients: {@code kc.public-url} when set, else the current request's base. */
final class PublicBase {

	private PublicBase() {
	}

	static URI of(PlatformSettings settings) {
		URI configured = settings.publicUrl();
		return configured != null ? configured : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri();
	}
}
