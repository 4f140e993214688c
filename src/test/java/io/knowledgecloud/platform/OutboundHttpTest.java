package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import com.sun.net.httpserver.HttpServer;

/** The SSRF rules of {@link OutboundHttp}, and its redirect, size and time limits against a local server. */
class OutboundHttpTest {

	private static final Map<String, String> DNS = Map.of("public.example", "93.184.216.34", "rebind.example",
			"10.1.2.3", "metadata.example", "169.254.169.254", "mixed.example", "93.184.216.34,192.168.1.1");

	private HttpServer server;

	private static OutboundHttp http(List<String> trusted) {
		return new OutboundHttp(new OutboundSettings(trusted, DataSize.ofBytes(64), Duration.ofSeconds(2),
				Duration.ofSeconds(2), 2), OutboundHttpTest::resolve);
	}

	/** Literals as the JDK reads them (no DNS for literals); a few fixed names; anything else is unknown. */
	private static InetAddress[] resolve(String host) throws UnknownHostException {
		String answer = DNS.get(host);
		if (answer == null) {
			if (host.matches("[0-9.]+") || host.contains(":")) {
				return InetAddress.getAllByName(host);
			}
			throw new UnknownHostException(host);
		}
		String[] ips = answer.split(",");
		InetAddress[] all = new InetAddress[ips.length];
		for (int i = 0; i < ips.length; i++) {
			all[i] = InetAddress.getByName(ips[i]);
		}
		return all;
	}

	@AfterEach
	void stop() {
		if (server != null) {
			server.stop(0);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://2130706433/",
			"http://0177.0.0.1/", "http://0x7f000001/", "http://0x7f.0.0.1/", "http://127.1/", "http://[::1]/",
			"http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::127.0.0.1]/", "http://0.0.0.0/",
			"http://[::]/", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://10.0.0.1/",
			"http://172.16.5.4/", "http://172.31.255.255/", "http://192.168.0.1/", "http://100.64.0.1/",
			"http://[fc00::1]/", "http://[fd12:3456::1]/", "http://224.0.0.1/", "http://[ff02::1]/",
			"http://255.255.255.255/", "http://[64:ff9b::a00:1]/", "http://[2002:a9fe:a9fe::]/", "http://localhost/",
			"http://LOCALHOST:8080/", "http://api.localhost/", "http://localhost./", "http://rebind.example/",
			"http://metadata.example/", "http://mixed.example/", "http://unknown.example/", "ftp://public.example/",
			"file:///etc/passwd", "gopher://public.example/", "http://user:pw@public.example/", "http:/nohost" })
	void refusesInternalDestinations(String url) {
		assertThatThrownBy(() -> http(List.of()).check(URI.create(url))).isInstanceOf(DestinationNotAllowed.class)
			.satisfies(e -> assertThat(((DestinationNotAllowed) e).code()).isEqualTo("destination_not_allowed"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://public.example/hook", "http://93.184.216.34:8080/", "https://[2606:4700::1111]/",
			"http://172.32.0.1/", "http://100.128.0.1/", "http://[::ffff:93.184.216.34]/" })
	void allowsPublicDestinations(String url) {
		assertThatCode(() -> http(List.of()).check(URI.create(url))).doesNotThrowAnyException();
	}

	@Test
	void reasonsNameTheRule() {
		assertThatThrownBy(() -> http(List.of()).check(URI.create("http://[::ffff:127.0.0.1]/")))
			.hasMessageContaining("loopback");
		assertThatThrownBy(() -> http(List.of()).check(URI.create("http://169.254.169.254/")))
			.hasMessageContaining("link-local");
	}

	@Test
	void trustedHostPortPairsSkipTheAddressRulesOnThatPortOnly() {
		OutboundHttp http = http(List.of("127.0.0.1:9999", "LOCALHOST:8081"));
		assertThatCode(() -> http.check(URI.create("http://127.0.0.1:9999/hook"))).doesNotThrowAnyException();
		assertThatCode(() -> http.check(URI.create("http://localhost:8081/"))).doesNotThrowAnyException();
		assertThatThrownBy(() -> http.check(URI.create("http://127.0.0.1:9998/"))).isInstanceOf(DestinationNotAllowed.class);
		assertThatThrownBy(() -> http.check(URI.create("ftp://127.0.0.1:9999/"))).isInstanceOf(DestinationNotAllowed.class);
	}

	@Test
	void allowedHostsRestrictEveryRequest() {
		OutboundHttp http = http(List.of());
		assertThatThrownBy(() -> http.get(URI.create("https://public.example/"), Set.of("docs.example"), http.defaults()))
			.isInstanceOf(DestinationNotAllowed.class)
			.hasMessageContaining("allowed list");
	}

	@Test
	void capsTheBodyAndFollowsRedirectsCheckingEachHop() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/big", ex -> {
			byte[] body = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
			ex.sendResponseHeaders(200, body.length);
			ex.getResponseBody().write(body);
			ex.close();
		});
		server.createContext("/hop", ex -> redirect(ex, "/big"));
		server.createContext("/loop", ex -> redirect(ex, "/loop"));
		server.createContext("/metadata", ex -> redirect(ex, "http://169.254.169.254/latest/meta-data/"));
		server.start();
		String base = "http://127.0.0.1:" + server.getAddress().getPort();
		OutboundHttp http = http(List.of("127.0.0.1:" + server.getAddress().getPort()));

		OutboundHttp.Response big = http.get(URI.create(base + "/hop"), Set.of(), http.defaults());
		assertThat(big.status()).isEqualTo(200);
		assertThat(big.body()).hasSize(64);
		assertThat(big.truncated()).isTrue();
		assertThat(big.uri().getPath()).isEqualTo("/big");

		assertThatThrownBy(() -> http.post(URI.create(base + "/metadata"), Map.of(), new byte[0], http.defaults()))
			.isInstanceOf(DestinationNotAllowed.class)
			.hasMessageContaining("169.254.169.254");
		assertThatThrownBy(() -> http.get(URI.create(base + "/loop"), Set.of(), http.defaults()))
			.isInstanceOf(OutboundRequestFailed.class)
			.hasMessageContaining("redirects");
	}

	@Test
	void aSlowServerRunsIntoTheTotalTimeout() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		server.createContext("/slow", ex -> {
			ex.sendResponseHeaders(200, 0);
			try {
				ex.getResponseBody().write('x');
				ex.getResponseBody().flush();
				Thread.sleep(3_000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			ex.close();
		});
		server.start();
		OutboundHttp http = http(List.of("127.0.0.1:" + server.getAddress().getPort()));
		long start = System.nanoTime();
		assertThatThrownBy(() -> http.get(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow"),
				Set.of(), new OutboundHttp.Limits(1000, Duration.ofMillis(300), 0)))
			.isInstanceOf(OutboundRequestFailed.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	private static void redirect(com.sun.net.httpserver.HttpExchange ex, String location) throws IOException {
		ex.getResponseHeaders().add("Location", location);
		ex.sendResponseHeaders(302, -1);
		ex.close();
	}
}
