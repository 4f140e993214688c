package io.knowledgecloud.agent.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jsoup.Jsoup;
import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.agent.spi.ToolResult;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.OutboundHttp;

/**
 * Fetches a web page from a host on the workspace's allow-list (empty = none), through the
 * SSRF-safe client: private, loopback and link-local addresses are refused, every redirect is
 * re-checked ({@code kc.outbound.max-redirects}), the body is capped at 1 MiB and the exchange at 15 s
 * (or the lower {@code kc.outbound.*} limits). HTML is reduced to its text.
 */
@Component
class HttpFetchTool implements AgentTool {

	static final long MAX_BYTES = 1024 * 1024;
	static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final OutboundHttp http;

	HttpFetchTool(OutboundHttp http) {
		this.http = http;
	}

	@Override
	public String name() {
		return "http_fetch";
	}

	@Override
	public String description() {
		return "Fetch a web page (http or https) from a host the workspace allows; returns its text.";
	}

	@Override
	public String parametersSchema() {
		return """
				{"type":"object","properties":{"url":{"type":"string","maxLength":2000},
				"max_chars":{"type":"integer","minimum":100,"maximum":50000}},"required":["url"],"additionalProperties":false}""";
	}

	@Override
	public Effect effect() {
		return Effect.READ;
	}

	@Override
	public ToolResult call(ToolInvocation call) throws ToolFailure {
		String raw = Args.text(call.arguments(), "url").strip();
		int max = Args.integer(call.arguments(), "max_chars", 8000, 100, 50_000);
		URI uri;
		try {
			uri = new URI(raw);
		}
		catch (URISyntaxException e) {
			throw new ToolFailure("invalid_url", "not a URL: " + RunStore.cut(raw, 120));
		}
		if (call.httpAllowList().isEmpty()) {
			throw new ToolFailure("destination_not_allowed", "this workspace allows no hosts for http_fetch "
					+ "(an admin sets agent policy http_allow_list)");
		}
		OutboundHttp.Response response;
		try {
			OutboundHttp.Limits defaults = http.defaults();
			response = http.get(uri, call.httpAllowList(), new OutboundHttp.Limits(Math.min(MAX_BYTES,
					defaults.maxBytes()), TIMEOUT.compareTo(defaults.timeout()) < 0 ? TIMEOUT : defaults.timeout(),
					defaults.maxRedirects()));
		}
		catch (KnowledgeCloudException e) {
			throw new ToolFailure(e.code(), e.getMessage());
		}
		if (response.status() >= 400) {
			throw new ToolFailure("http_error", "the server answered " + response.status());
		}
		String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		String text = type.contains("html") ? Jsoup.parse(response.text(), response.uri().toString()).text()
				: response.text();
		boolean truncated = text.length() > max || response.truncated();
		String body = text.length() > max ? text.substring(0, max) : text;
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("url", response.uri().toString());
		data.put("status", response.status());
		data.put("content_type", type);
		data.put("text", body);
		data.put("truncated", truncated);
		return ToolResult.of(body + (truncated ? "\n[truncated]" : ""), "fetched " + response.uri().getHost() + " ("
				+ response.body().length + " bytes)", Args.json(data));
	}
}
