package io.knowledgecloud.search.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.search.SearchTuning;
import io.knowledgecloud.workspace.WorkspaceDeleted;

/** Per-workspace fusion settings; a workspace without a row uses the configured defaults. */
@Repository
public class Tunings {

	private final JdbcClient jdbc;
	private final SearchSettings settings;
	private final Clock clock;
	private final com.github.benmanes.caffeine.cache.Cache<UUID, SearchTuning> cache = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(java.time.Duration.ofSeconds(10))
		.build();

	Tunings(JdbcClient jdbc, SearchSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	public SearchTuning defaults() {
		return new SearchTuning(settings.fusion(), settings.rrfK(), settings.keywordWeight());
	}

	/** Cached for a few seconds: every search needs it; other nodes see a change within that time. */
	public SearchTuning forWorkspace(UUID workspaceId) {
		return cache.get(workspaceId, id -> find(id).orElseGet(this::defaults));
	}

	public Optional<SearchTuning> find(UUID workspaceId) {
		return jdbc.sql("SELECT fusion, rrf_k, keyword_weight FROM search_tunings WHERE workspace_id = ?")
			.param(workspaceId)
			.query((rs, n) -> new SearchTuning(rs.getString(1), rs.getInt(2), rs.getDouble(3)))
			.optional();
	}

	public void save(UUID workspaceId, SearchTuning tuning, UUID by) {
		int updated = jdbc.sql("""
				UPDATE search_tunings SET fusion = ?, rrf_k = ?, keyword_weight = ?, updated_by = ?, updated_at = ?
				WHERE workspace_id = ?""")
			.params(tuning.fusion(), tuning.rrfK(), tuning.keywordWeight(), by,
					java.sql.Timestamp.from(clock.instant()), workspaceId)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					INSERT INTO search_tunings (workspace_id, fusion, rrf_k, keyword_weight, updated_by, updated_at)
					VALUES (?, ?, ?, ?, ?, ?)""")
				.params(workspaceId, tuning.fusion(), tuning.rrfK(), tuning.keywordWeight(), by,
						java.sql.Timestamp.from(clock.instant()))
				.update();
		}
		cache.invalidate(workspaceId);
	}

	public void reset(UUID workspaceId) {
		jdbc.sql("DELETE FROM search_tunings WHERE workspace_id = ?").param(workspaceId).update();
		cache.invalidate(workspaceId);
	}

	@ApplicationModuleListener
	void on(WorkspaceDeleted event) {
		reset(event.workspaceId().value());
	}
}
