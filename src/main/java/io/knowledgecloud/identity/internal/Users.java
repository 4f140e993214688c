package io.knowledgecloud.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.identity.UserId;

/** User accounts, table {@code identity_users}. */
@Repository
class Users {

	private static final String COLUMNS = "id, email, display_name, password_hash, mfa_enabled, mfa_secret, "
			+ "mfa_pending_secret, mfa_last_step, created_at";

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(User user) {
		jdbc.sql("INSERT INTO identity_users (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(user.id().value(), user.email(), user.displayName(), user.passwordHash(), user.mfaEnabled(),
					user.mfaSecret(), user.mfaPendingSecret(), user.mfaLastStep(), Timestamp.from(user.createdAt()),
					Timestamp.from(user.createdAt()))
			.update();
	}

	Optional<User> byEmail(String email) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_users WHERE email = ?").param(email).query(Users::map)
			.optional();
	}

	Optional<User> byId(UserId id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_users WHERE id = ?").param(id.value()).query(Users::map)
			.optional();
	}

	List<User> byIds(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT " + COLUMNS + " FROM identity_users WHERE id IN (:ids)")
			.param("ids", ids)
			.query(Users::map)
			.list();
	}

	void updatePasswordHash(UserId id, String hash) {
		jdbc.sql("UPDATE identity_users SET password_hash = ?, updated_at = ?, version = version + 1 WHERE id = ?")
			.params(hash, Timestamp.from(Instant.now()), id.value())
			.update();
	}

	void updateMfa(UserId id, boolean enabled, @Nullable String secret, @Nullable String pendingSecret) {
		jdbc.sql("""
				UPDATE identity_users SET mfa_enabled = ?, mfa_secret = ?, mfa_pending_secret = ?, mfa_last_step = 0,
				  updated_at = ?, version = version + 1 WHERE id = ?""")
			.params(enabled, secret, pendingSecret, Timestamp.from(Instant.now()), id.value())
			.update();
	}

	/** Records the TOTP time step just used; false when it (or a later one) was used before. */
	boolean advanceMfaStep(UserId id, long step) {
		return jdbc.sql("UPDATE identity_users SET mfa_last_step = ? WHERE id = ? AND mfa_last_step < ?")
			.params(step, id.value(), step)
			.update() == 1;
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		return new User(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"),
				rs.getString("display_name"), rs.getString("password_hash"), rs.getBoolean("mfa_enabled"),
				rs.getString("mfa_secret"), rs.getString("mfa_pending_secret"), rs.getLong("mfa_last_step"),
				rs.getTimestamp("created_at").toInstant());
	}
}
