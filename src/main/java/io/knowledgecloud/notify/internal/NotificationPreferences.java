package io.knowledgecloud.notify.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.identity.UserId;

/** Table {@code notify_preferences}: what each user wants to receive; no row means all off. */
@Repository
public class NotificationPreferences {

	/** A user's choices ({@code {"weekly_digest": true}} in JSON). */
	public record Preferences(boolean weeklyDigest) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	NotificationPreferences(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Preferences of(UserId user) {
		return jdbc.sql("SELECT weekly_digest FROM notify_preferences WHERE user_id = ?")
			.param(user.value())
			.query((rs, n) -> new Preferences(rs.getBoolean(1)))
			.optional()
			.orElse(new Preferences(false));
	}

	public void save(UserId user, Preferences preferences) {
		Timestamp now = Timestamp.from(clock.instant());
		int updated = jdbc.sql("UPDATE notify_preferences SET weekly_digest = ?, updated_at = ? WHERE user_id = ?")
			.params(preferences.weeklyDigest(), now, user.value())
			.update();
		if (updated == 0) {
			try {
				jdbc.sql("INSERT INTO notify_preferences (user_id, weekly_digest, updated_at) VALUES (?, ?, ?)")
					.params(user.value(), preferences.weeklyDigest(), now)
					.update();
			}
			catch (org.springframework.dao.DuplicateKeyException e) {
				// a concurrent save inserted first: last write wins
				save(user, preferences);
			}
		}
	}

	/** Those of {@code users} who want the weekly digest. */
	public Set<UserId> weeklyDigestSubscribers(Collection<UserId> users) {
		if (users.isEmpty()) {
			return Set.of();
		}
		List<UUID> ids = users.stream().map(UserId::value).toList();
		return jdbc.sql("SELECT user_id FROM notify_preferences WHERE weekly_digest = TRUE AND user_id IN (:ids)")
			.param("ids", ids)
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.list()
			.stream()
			.collect(Collectors.toSet());
	}
}
