package io.knowledgecloud.support;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test application context its own empty database (in-memory H2 in PostgreSQL
 * mode, or a fresh PostgreSQL database) and its own data directory.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Map<String, Object> props = new HashMap<>();
		String name = "kc_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		if (TestServices.database().equals("postgres")) {
			createPostgresDatabase(name);
			props.put("spring.datasource.url",
					"jdbc:postgresql://" + TestServices.PG_HOST + ":" + TestServices.PG_PORT + "/" + name);
			props.put("spring.datasource.username", TestServices.PG_USER);
			props.put("spring.datasource.password", "");
		}
		else {
			props.put("spring.datasource.url", "jdbc:h2:mem:" + name
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
			props.put("spring.datasource.username", "sa");
			props.put("spring.datasource.password", "");
		}
		try {
			props.put("kc.data-dir", Files.createTempDirectory("kc-test-").toString());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("kc-test-database", props));
	}

	public static void createPostgresDatabase(String name) {
		String url = "jdbc:postgresql://" + TestServices.PG_HOST + ":" + TestServices.PG_PORT + "/test";
		try (Connection connection = DriverManager.getConnection(url, TestServices.PG_USER, "");
				var statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot create test database on PostgreSQL at " + url, e);
		}
	}
}
