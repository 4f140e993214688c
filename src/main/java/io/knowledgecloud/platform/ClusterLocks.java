package io.knowledgecloud.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Named locks shared by every replica through the database (table {@code platform_locks}), for
 * scheduled jobs that must run on one replica at a time. A lock is a lease: a replica that dies
 * holding it blocks others only until {@code lease} has passed. Acquiring is one conditional
 * {@code UPDATE}, so it works the same on H2 and PostgreSQL. Call it outside a transaction.
 */
@Component
public class ClusterLocks {

	private static final Timestamp FREE = Timestamp.from(Instant.EPOCH);

	private final JdbcClient jdbc;
	private final Clock clock;
	private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);

	ClusterLocks(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Takes the lock for {@code lease} unless another replica holds it; true when this replica has it now. */
	public boolean tryAcquire(String name, Duration lease) {
		try {
			jdbc.sql("INSERT INTO platform_locks (name, locked_by, locked_until) SELECT ?, NULL, ? "
					+ "WHERE NOT EXISTS (SELECT 1 FROM platform_locks WHERE name = ?)").params(name, FREE, name).update();
		}
		catch (DuplicateKeyException raced) {
			// another replica created the row at the same moment
		}
		Instant now = clock.instant();
		// not re-entrant: two threads of one replica (a schedule and an operator's request) exclude each other too
		return jdbc.sql("UPDATE platform_locks SET locked_by = ?, locked_until = ? WHERE name = ? AND locked_until < ?")
			.params(node, Timestamp.from(now.plus(lease)), name, Timestamp.from(now))
			.update() == 1;
	}

	/** Releases the lock if this replica holds it. */
	public void release(String name) {
		jdbc.sql("UPDATE platform_locks SET locked_by = NULL, locked_until = ? WHERE name = ? AND locked_by = ?")
			.params(FREE, name, node)
			.update();
	}
}
