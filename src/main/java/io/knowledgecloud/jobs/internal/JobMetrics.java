package io.knowledgecloud.jobs.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges {@code kc.jobs.queue.depth} (due jobs not yet picked) and {@code kc.jobs.queue.oldest.age}
 * (seconds the oldest of them has waited), tagged by job type. One grouped query serves all
 * gauges of a scrape: its result is reused for a few seconds.
 */
@Component
class JobMetrics {

	private static final Duration FRESH = Duration.ofSeconds(5);

	private record Row(long depth, Instant oldest) {
	}

	private final JdbcClient jdbc;
	private final MeterRegistry meters;
	private final JobHandlers handlers;
	private final Clock clock;
	private volatile Map<String, Row> snapshot = Map.of();
	private volatile Instant takenAt = Instant.EPOCH;

	JobMetrics(JdbcClient jdbc, MeterRegistry meters, JobHandlers handlers, Clock clock) {
		this.jdbc = jdbc;
		this.meters = meters;
		this.handlers = handlers;
		this.clock = clock;
	}

	void register() {
		for (String type : handlers.types()) {
			Gauge.builder("kc.jobs.queue.depth", () -> row(type).depth())
				.description("Due jobs waiting for a worker")
				.tag("type", type)
				.register(meters);
			Gauge.builder("kc.jobs.queue.oldest.age", () -> {
				Row row = row(type);
				return row.depth() == 0 ? 0 : Duration.between(row.oldest(), clock.instant()).toMillis() / 1000.0;
			}).description("Seconds the oldest due job has waited").baseUnit("seconds").tag("type", type).register(meters);
		}
	}

	private Row row(String type) {
		return current().getOrDefault(type, new Row(0, Instant.EPOCH));
	}

	private Map<String, Row> current() {
		Instant now = clock.instant();
		if (takenAt.plus(FRESH).isBefore(now)) {
			Map<String, Row> rows = new HashMap<>();
			jdbc.sql("SELECT SUBSTRING(task_instance FROM " + JobIds.TYPE_OFFSET + ") AS type, COUNT(*) AS depth, "
					+ "MIN(execution_time) AS oldest FROM scheduled_tasks WHERE task_name = ? AND picked = FALSE "
					+ "AND execution_time <= ? GROUP BY SUBSTRING(task_instance FROM " + JobIds.TYPE_OFFSET + ")")
				.params(JobIds.TASK, Timestamp.from(now))
				.query(rs -> {
					rows.put(rs.getString("type"), new Row(rs.getLong("depth"), rs.getTimestamp("oldest").toInstant()));
				});
			snapshot = rows;
			takenAt = now;
		}
		return snapshot;
	}
}
