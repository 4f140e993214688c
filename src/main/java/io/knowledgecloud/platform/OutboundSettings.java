package io.knowledgecloud.platform;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Outbound HTTP ({@code kc.outbound.*}): the limits every request to a user-supplied URL obeys.
 *
 * @param trustedHosts exact {@code host:port} entries allowed even though they resolve to a
 *                     private or loopback address (internal receivers; tests on 127.0.0.1)
 * @param maxResponseSize bytes read from a response body before reading stops (marked truncated)
 * @param connectTimeout TCP and TLS connect time per hop
 * @param totalTimeout time for a whole request, redirects and body included
 * @param maxRedirects redirects followed (each hop checked again)
 */
@Validated
@ConfigurationProperties("kc.outbound")
public record OutboundSettings(@DefaultValue List<String> trustedHosts,
		@DefaultValue("1MB") DataSize maxResponseSize, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("20s") Duration totalTimeout, @DefaultValue("3") @Min(0) @Max(10) int maxRedirects) {
}
