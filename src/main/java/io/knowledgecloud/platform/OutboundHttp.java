package io.knowledgecloud.platform;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The one way modules call URLs that users supply (webhooks, an agent's fetch tool) without
 * letting them reach the inside of our network (SSRF). Only http and https; every hop's host is
 * resolved and refused when any of its addresses is loopback, private, link-local (cloud
 * metadata), unique-local, CGNAT, multicast, unspecified or reserved, IPv4 embedded in IPv6
 * included; redirects are followed here, at most {@code maxRedirects}, each re-checked; bodies
 * are capped and the whole exchange is timed. Refusals throw {@link DestinationNotAllowed}.
 *
 * <p>DNS rebinding: {@code java.net.http} resolves the host again when it connects and offers no
 * hook to pass it the address we checked. That look-up is answered from the JVM's address cache
 * ({@code networkaddress.cache.ttl}, 30 s by default, regardless of the record's DNS TTL), which
 * our own look-up has just filled, so a rebinding answer is not seen unless the cache entry expires
 * in the instant between the two. See ADR 33.
 */
@Component
public class OutboundHttp {

	/** Per-request limits; {@link #defaults()} gives those of {@code kc.outbound.*}. */
	public record Limits(long maxBytes, Duration timeout, int maxRedirects) {
	}

	/** A response as read: {@code body} holds at most {@code maxBytes}; {@code uri} is the last hop's. */
	public record Response(int status, URI uri, HttpHeaders headers, byte[] body, boolean truncated) {

		public String text() {
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	/** Resolves host names; a seam so tests can answer without DNS. */
	interface Resolver {
		InetAddress[] resolve(String host) throws UnknownHostException;
	}

	private final HttpClient client;
	private final OutboundSettings settings;
	private final Set<String> trusted;
	private final Resolver resolver;

	@org.springframework.beans.factory.annotation.Autowired
	OutboundHttp(OutboundSettings settings) {
		this(settings, InetAddress::getAllByName);
	}

	OutboundHttp(OutboundSettings settings, Resolver resolver) {
		this.settings = settings;
		this.resolver = resolver;
		this.trusted = settings.trustedHosts()
			.stream()
			.map(h -> h.strip().toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.client = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.proxy(HttpClient.Builder.NO_PROXY)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	public Limits defaults() {
		return new Limits(settings.maxResponseSize().toBytes(), settings.totalTimeout(), settings.maxRedirects());
	}

	/** Throws {@link DestinationNotAllowed} unless a request to {@code uri} would be sent. */
	public void check(URI uri) {
		check(uri, Set.of());
	}

	/** GETs {@code uri}; when {@code allowedHosts} is not empty, every hop's host must be one of them. */
	public Response get(URI uri, Set<String> allowedHosts, Limits limits) {
		return exchange(new Hop("GET", uri, Map.of(), null), allowedHosts, limits);
	}

	public Response post(URI uri, Map<String, String> headers, byte[] body, Limits limits) {
		return exchange(new Hop("POST", uri, headers, body), Set.of(), limits);
	}

	/** One request of a redirect chain. */
	private record Hop(String method, URI uri, Map<String, String> headers, byte @Nullable [] body) {

		/** The request a redirect asks for: 307/308 repeat it, the others become a GET without body. */
		Hop redirect(int status, URI target) {
			Map<String, String> kept = new HashMap<>(headers);
			if (!target.getHost().equalsIgnoreCase(uri.getHost())) {
				kept.keySet().removeIf(h -> h.equalsIgnoreCase("authorization") || h.equalsIgnoreCase("cookie"));
			}
			boolean same = status == 307 || status == 308;
			return same ? new Hop(method, target, kept, body) : new Hop("GET", target, kept, null);
		}
	}

	private Response exchange(Hop first, Set<String> allowedHosts, Limits limits) {
		long deadline = System.nanoTime() + limits.timeout().toNanos();
		Hop hop = first;
		for (int redirects = 0;; redirects++) {
			check(hop.uri(), allowedHosts);
			Response response = send(hop, limits.maxBytes(), deadline);
			String location = response.headers().firstValue("Location").orElse(null);
			if (!isRedirect(response.status()) || location == null) {
				return response;
			}
			if (redirects >= limits.maxRedirects()) {
				throw new OutboundRequestFailed("More than " + limits.maxRedirects() + " redirects from " + first.uri());
			}
			URI target;
			try {
				target = hop.uri().resolve(location.strip());
			}
			catch (IllegalArgumentException e) {
				throw new DestinationNotAllowed("redirect to a malformed location");
			}
			hop = hop.redirect(response.status(), target);
		}
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	private Response send(Hop hop, long maxBytes, long deadline) {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			throw new OutboundRequestFailed("No response within the time limit from " + hop.uri().getHost());
		}
		var builder = HttpRequest.newBuilder(hop.uri())
			.timeout(Duration.ofNanos(remaining))
			.method(hop.method(), hop.body() == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(hop.body()));
		hop.headers().forEach(builder::header);
		CompletableFuture<HttpResponse<CappedBody.Body>> pending = client.sendAsync(builder.build(),
				info -> new CappedBody(maxBytes));
		try {
			HttpResponse<CappedBody.Body> response = pending.get(remaining, TimeUnit.NANOSECONDS);
			return new Response(response.statusCode(), hop.uri(), response.headers(), response.body().bytes(),
					response.body().truncated());
		}
		catch (TimeoutException e) {
			pending.cancel(true);
			throw new OutboundRequestFailed("No response within the time limit from " + hop.uri().getHost());
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause() == null ? e : e.getCause();
			throw new OutboundRequestFailed("Request to " + hop.uri().getHost() + " failed: " + cause);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			pending.cancel(true);
			throw new OutboundRequestFailed("Interrupted while calling " + hop.uri().getHost());
		}
	}

	/** The host of an authority {@link URI} did not accept as a host name ({@code 2130706433}), for the refusal's reason. */
	private static @Nullable String hostOf(@Nullable String authority) {
		if (authority == null) {
			return null;
		}
		String host = authority.substring(authority.lastIndexOf('@') + 1);
		int colon = host.lastIndexOf(':');
		return colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
	}

	private void check(URI uri, Set<String> allowedHosts) {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new DestinationNotAllowed("only http and https URLs are allowed");
		}
		String raw = uri.getHost() != null ? uri.getHost() : hostOf(uri.getRawAuthority());
		if (raw == null || raw.isBlank()) {
			throw new DestinationNotAllowed("the URL has no host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new DestinationNotAllowed("the URL carries credentials");
		}
		String host = raw.toLowerCase(Locale.ROOT);
		int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
		String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (!allowedHosts.isEmpty() && allowedHosts.stream().noneMatch(a -> a.equalsIgnoreCase(bare))) {
			throw new DestinationNotAllowed("host " + bare + " is not in the allowed list");
		}
		if (trusted.contains(host + ":" + port)) {
			return; // configured by the operator: an internal receiver on purpose
		}
		String byName = AddressRules.refusalOfName(bare);
		if (byName != null) {
			throw new DestinationNotAllowed(byName);
		}
		InetAddress[] addresses;
		try {
			addresses = resolver.resolve(bare);
		}
		catch (UnknownHostException e) {
			throw new DestinationNotAllowed("host " + bare + " does not resolve");
		}
		for (InetAddress address : addresses) {
			// any internal answer refuses the host: the connection may pick any of them
			String why = AddressRules.refusal(address);
			if (why != null) {
				throw new DestinationNotAllowed("host " + bare + " resolves to " + why);
			}
		}
	}
}
