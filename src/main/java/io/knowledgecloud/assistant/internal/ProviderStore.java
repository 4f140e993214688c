package io.knowledgecloud.assistant.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.platform.SecretBox;

/** Table {@code assistant_providers}; API keys are stored encrypted with the master key. */
@Repository
public class ProviderStore {

	private static final String PURPOSE = "assistant-provider-key";

	/** A workspace's provider with its decrypted key. */
	public record Stored(String provider, String model, @Nullable String baseUrl, @Nullable String apiKey,
			Instant updatedAt) {
	}

	private final JdbcClient jdbc;
	private final SecretBox secrets;
	private final Clock clock;

	ProviderStore(JdbcClient jdbc, SecretBox secrets, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.clock = clock;
	}

	public Optional<Stored> find(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM assistant_providers WHERE workspace_id = ?")
			.param(workspaceId)
			.query((rs, n) -> {
				String enc = rs.getString("api_key_enc");
				return new Stored(rs.getString("provider"), rs.getString("model"), rs.getString("base_url"),
						enc == null ? null : secrets.decrypt(enc, PURPOSE + ":" + workspaceId),
						rs.getTimestamp("updated_at").toInstant());
			})
			.optional();
	}

	public void save(UUID workspaceId, String provider, String model, @Nullable String baseUrl, @Nullable String apiKey,
			UUID by) {
		String enc = apiKey == null ? null : secrets.encrypt(apiKey, PURPOSE + ":" + workspaceId);
		Timestamp now = Timestamp.from(clock.instant());
		int updated = jdbc.sql("""
				UPDATE assistant_providers SET provider = ?, model = ?, base_url = ?, api_key_enc = ?, updated_by = ?,
				updated_at = ? WHERE workspace_id = ?""")
			.params(provider, model, baseUrl, enc, by, now, workspaceId)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					INSERT INTO assistant_providers (workspace_id, provider, model, base_url, api_key_enc, updated_by,
					updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
				.params(workspaceId, provider, model, baseUrl, enc, by, now)
				.update();
		}
	}

	public void delete(UUID workspaceId) {
		jdbc.sql("DELETE FROM assistant_providers WHERE workspace_id = ?").param(workspaceId).update();
	}
}
