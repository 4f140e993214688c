package io.knowledgecloud.identity.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.identity.ApiKeyScope;
import io.knowledgecloud.identity.ApiKeys.ApiKeyView;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.platform.PageRequest;

/**
 * Workspace API keys, table {@code identity_api_keys}. A key reads
 * {@code kc_<12 hex prefix>_<43 chars secret>}; the prefix finds the row, the SHA-256 of the whole
 * key is compared in constant time. The plaintext exists only in the create response.
 */
@Repository
public class ApiKeyStore {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** A verified key and who it acts for. */
	record Verified(UUID keyId, UUID workspaceId, ApiKeyScope scope, UserId createdBy) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	ApiKeyStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Creates a key and returns its view together with the plaintext. */
	public Created create(UUID workspaceId, UserId creator, String name, ApiKeyScope scope,
			@Nullable Instant expiresAt) {
		byte[] prefixBytes = new byte[6];
		RANDOM.nextBytes(prefixBytes);
		String prefix = HexFormat.of().formatHex(prefixBytes);
		String secret = "kc_" + prefix + "_" + Hashes.randomToken(32);
		var view = new ApiKeyView(UUID.randomUUID(), name, "kc_" + prefix, scope, creator.value(), clock.instant(),
				expiresAt, null, null);
		jdbc.sql("""
				INSERT INTO identity_api_keys (id, workspace_id, name, prefix, secret_hash, scope, created_by, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(view.id(), workspaceId, name, prefix, Hashes.sha256(secret), scope.name(), creator.value(),
					Timestamp.from(view.createdAt()), expiresAt == null ? null : Timestamp.from(expiresAt))
			.update();
		return new Created(view, secret);
	}

	/** A new key's view and its one-time plaintext. */
	public record Created(ApiKeyView view, String secret) {
	}

	Optional<Verified> verify(String presented) {
		if (presented.length() < 20 || presented.length() > 100 || !presented.startsWith("kc_")
				|| presented.charAt(15) != '_') {
			return Optional.empty();
		}
		String prefix = presented.substring(3, 15);
		Instant now = clock.instant();
		record Row(UUID id, UUID workspaceId, String hash, ApiKeyScope scope, UUID createdBy, @Nullable Timestamp expires,
				@Nullable Timestamp revoked, @Nullable Timestamp lastUsed) {
		}
		Optional<Row> row = jdbc.sql("""
				SELECT id, workspace_id, secret_hash, scope, created_by, expires_at, revoked_at, last_used_at
				FROM identity_api_keys WHERE prefix = ?""")
			.param(prefix)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					ApiKeyScope.valueOf(rs.getString(4)), rs.getObject(5, UUID.class), rs.getTimestamp(6),
					rs.getTimestamp(7), rs.getTimestamp(8)))
			.optional();
		if (row.isEmpty() || !MessageDigest.isEqual(row.get().hash().getBytes(), Hashes.sha256(presented).getBytes())
				|| row.get().revoked() != null
				|| (row.get().expires() != null && !row.get().expires().toInstant().isAfter(now))) {
			return Optional.empty();
		}
		Row key = row.get();
		// last-used is informational: write it at most once a minute per key
		if (key.lastUsed() == null || key.lastUsed().toInstant().isBefore(now.minusSeconds(60))) {
			jdbc.sql("UPDATE identity_api_keys SET last_used_at = ? WHERE id = ?").params(Timestamp.from(now), key.id())
				.update();
		}
		return Optional.of(new Verified(key.id(), key.workspaceId(), key.scope(), new UserId(key.createdBy())));
	}

	public List<ApiKeyView> page(UUID workspaceId, PageRequest request) {
		var spec = jdbc.sql("SELECT * FROM identity_api_keys WHERE workspace_id = :ws"
				+ (request.first() ? "" : " AND (created_at < :at OR (created_at = :at AND id < :id))")
				+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("ws", workspaceId)
			.param("limit", request.limit() + 1);
		if (!request.first()) {
			spec = spec.param("at", Timestamp.from(Instant.parse(request.after(0))))
				.param("id", UUID.fromString(request.after(1)));
		}
		return spec.query(ApiKeyStore::map).list();
	}

	public Optional<ApiKeyView> find(UUID workspaceId, UUID keyId) {
		return jdbc.sql("SELECT * FROM identity_api_keys WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, keyId)
			.query(ApiKeyStore::map)
			.optional();
	}

	public boolean revoke(UUID workspaceId, UUID keyId) {
		return jdbc.sql("UPDATE identity_api_keys SET revoked_at = ? WHERE workspace_id = ? AND id = ? AND revoked_at IS NULL")
			.params(Timestamp.from(clock.instant()), workspaceId, keyId)
			.update() == 1;
	}

	private static ApiKeyView map(ResultSet rs, int n) throws SQLException {
		return new ApiKeyView(rs.getObject("id", UUID.class), rs.getString("name"), "kc_" + rs.getString("prefix"),
				ApiKeyScope.valueOf(rs.getString("scope")), rs.getObject("created_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("expires_at")),
				instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}
}
