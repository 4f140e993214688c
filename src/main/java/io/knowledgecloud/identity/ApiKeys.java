package io.knowledgecloud.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.identity.internal.ApiKeyNotFound;
import io.knowledgecloud.identity.internal.ApiKeyStore;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.PageRequest;

/**
 * Workspace API keys. The workspace module decides who may manage them (admins) and calls this
 * facade; identity stores them hashed and authenticates requests that carry them.
 */
@Service
public class ApiKeys {

	/** A key as listed: never the secret, only its public prefix. */
	public record ApiKeyView(UUID id, String name, String prefix, ApiKeyScope scope, UUID createdBy,
			Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
	}

	/** A freshly created key; {@code secret} is shown this once. */
	public record CreatedApiKey(ApiKeyView key, String secret) {
	}

	private final ApiKeyStore store;
	private final AuditLog audit;
	private final Cursors cursors;

	ApiKeys(ApiKeyStore store, AuditLog audit, Cursors cursors) {
		this.store = store;
		this.audit = audit;
		this.cursors = cursors;
	}

	@Transactional
	public CreatedApiKey create(UUID workspaceId, CurrentUser creator, String name, ApiKeyScope scope,
			@Nullable Instant expiresAt, @Nullable String ip) {
		var created = store.create(workspaceId, creator.userId(), name, scope, expiresAt);
		audit.record("api_key.created", creator.userId(), null, workspaceId, ip,
				"key " + created.view().prefix() + " '" + name + "' scope " + scope.name().toLowerCase());
		return new CreatedApiKey(created.view(), created.secret());
	}

	public CursorPage<ApiKeyView> list(UUID workspaceId, @Nullable String cursor, @Nullable Integer limit) {
		String scope = "api-keys:" + workspaceId;
		PageRequest request = cursors.request(scope, cursor, limit);
		return cursors.page(scope, store.page(workspaceId, request), request,
				k -> List.of(k.createdAt().toString(), k.id().toString()));
	}

	public ApiKeyView get(UUID workspaceId, UUID keyId) {
		return store.find(workspaceId, keyId).orElseThrow(ApiKeyNotFound::new);
	}

	@Transactional
	public void revoke(UUID workspaceId, UUID keyId, CurrentUser actor, @Nullable String ip) {
		ApiKeyView key = get(workspaceId, keyId);
		if (store.revoke(workspaceId, keyId)) {
			audit.record("api_key.revoked", actor.userId(), null, workspaceId, ip, "key " + key.prefix());
		}
	}
}
