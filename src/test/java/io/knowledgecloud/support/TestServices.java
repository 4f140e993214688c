package io.knowledgecloud.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Which real services the tests can reach. In CI ({@code KC_REQUIRE_SERVICES=true}) a missing
 * service fails the tests that need it; on a laptop those tests are skipped with a message.
 */
public final class TestServices {

	public static final String PG_HOST = System.getenv().getOrDefault("KC_TEST_PG_HOST", "127.0.0.1");
	public static final int PG_PORT = Integer.parseInt(System.getenv().getOrDefault("KC_TEST_PG_PORT", "5432"));
	public static final String PG_USER = System.getenv().getOrDefault("KC_TEST_PG_USER", "postgres");
	public static final String REDIS_URL = System.getenv().getOrDefault("KC_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	private TestServices() {
	}

	/** The database the integration tests run against in this JVM: {@code h2} or {@code postgres}. */
	public static String database() {
		return System.getProperty("kc.test.db", "h2");
	}

	public static boolean required() {
		return "true".equalsIgnoreCase(System.getenv("KC_REQUIRE_SERVICES"));
	}

	public static boolean postgresReachable() {
		return reachable(PG_HOST, PG_PORT);
	}

	public static boolean redisReachable() {
		return reachable("127.0.0.1", 6379);
	}

	static boolean reachable(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}
}
