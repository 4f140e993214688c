package io.knowledgecloud.search.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.search.Indexing.Generation;

/** The generation search reads, table {@code search_active_generation} (one row at most). */
@Repository
public class ActiveGenerations {

	private final JdbcClient jdbc;
	private final Clock clock;

	ActiveGenerations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Optional<Generation> find() {
		return jdbc.sql("SELECT generation, model_id FROM search_active_generation WHERE id = 1")
			.query((rs, n) -> new Generation(rs.getString(1), rs.getString(2)))
			.optional();
	}

	/** Makes {@code active} the generation search reads, in one statement on the one row. */
	@Transactional
	public void set(Generation active) {
		int updated = jdbc.sql("UPDATE search_active_generation SET generation = ?, model_id = ?, activated_at = ? "
				+ "WHERE id = 1")
			.params(active.name(), active.modelId(), Timestamp.from(clock.instant()))
			.update();
		if (updated == 0) {
			jdbc.sql("INSERT INTO search_active_generation (id, generation, model_id, activated_at) VALUES (1, ?, ?, ?)")
				.params(active.name(), active.modelId(), Timestamp.from(clock.instant()))
				.update();
		}
	}
}
