package io.knowledgecloud.notify.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.notify.internal.webhook.Delivery;
import io.knowledgecloud.notify.internal.webhook.Webhook;
import io.knowledgecloud.notify.internal.webhook.WebhookManagement;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A workspace's outbound webhooks (admins only). Receivers verify each delivery's signature as
 * docs/webhooks.md describes.
 */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/webhooks")
@Tag(name = "Webhooks")
class WebhookController {

	private final WebhookManagement webhooks;
	private final WorkspaceAccess access;

	WebhookController(WebhookManagement webhooks, WorkspaceAccess access) {
		this.webhooks = webhooks;
		this.access = access;
	}

	record CreateWebhook(@Schema(example = "https://hooks.example.com/kc") @NotBlank @Size(max = 2000) String url,
			@Schema(example = "[\"document.indexed\", \"agent_run.finished\"]") @NotEmpty @Size(max = 10) List<@NotBlank String> events,
			@Nullable @Size(max = 200) String description) {
	}

	record UpdateWebhook(@Nullable @Size(max = 2000) String url, @Nullable @Size(min = 1, max = 10) List<@NotBlank String> events,
			@Nullable @Size(max = 200) String description, @Nullable Boolean enabled) {
	}

	/** The subscription and its signing secret, which appears only here and in the rotate response. */
	record WebhookWithSecret(Webhook webhook, String secret) {
	}

	record Secret(String secret) {
	}

	@PostMapping
	@Operation(summary = "Subscribe a URL to events (admin)", description = "Events: document.indexed, "
			+ "document.failed, agent_run.waiting_approval, agent_run.finished, job.failed, or *. The URL must be "
			+ "http(s) and resolve to a public address (400 destination_not_allowed otherwise). The secret is shown once.")
	@ApiResponse(responseCode = "201", description = "Created; the response holds the only copy of the secret")
	ResponseEntity<WebhookWithSecret> create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody CreateWebhook body) {
		admin(ws, user);
		var created = webhooks.create(ws, user.userId(), body.url(), body.events(), body.description());
		return ResponseEntity.status(HttpStatus.CREATED).body(new WebhookWithSecret(created.webhook(), created.secret()));
	}

	@GetMapping
	@Operation(summary = "List webhooks (admin); secrets are never returned")
	CursorPage<Webhook> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		admin(ws, user);
		return webhooks.list(ws, cursor, limit);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One webhook (admin)")
	Webhook get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		admin(ws, user);
		return webhooks.get(ws, id);
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change a webhook (admin)", description = "`enabled: true` re-enables a webhook that was "
			+ "disabled after consecutive failed deliveries and resets its failure count.")
	Webhook update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id,
			@Valid @RequestBody UpdateWebhook body) {
		admin(ws, user);
		return webhooks.update(ws, id,
				new WebhookManagement.Patch(body.url(), body.events(), body.description(), body.enabled()));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a webhook and its delivery log (admin)")
	@ApiResponse(responseCode = "204", description = "Deleted")
	ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		admin(ws, user);
		webhooks.delete(ws, id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/rotate-secret")
	@Operation(summary = "Replace the signing secret (admin)", description = "The new secret is shown once and signs "
			+ "every later attempt, retries of earlier deliveries included.")
	Secret rotate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		admin(ws, user);
		return new Secret(webhooks.rotateSecret(ws, id));
	}

	@PostMapping("/{id}/ping")
	@Operation(summary = "Send a ping event to this webhook (admin)")
	@ApiResponse(responseCode = "202", description = "Queued; follow it in the deliveries")
	ResponseEntity<Delivery> ping(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws, @PathVariable UUID id) {
		admin(ws, user);
		return ResponseEntity.accepted().body(webhooks.ping(ws, id));
	}

	@GetMapping("/{id}/deliveries")
	@Operation(summary = "Deliveries of a webhook, newest first, with their attempts (admin)")
	CursorPage<Delivery> deliveries(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		admin(ws, user);
		return webhooks.deliveries(ws, id, cursor, limit);
	}

	@PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
	@Operation(summary = "Send a finished delivery again (admin)", description = "Same event id, a new timestamp and "
			+ "signature, a fresh set of attempts. 409 delivery_in_progress while it has not finished.")
	@ApiResponse(responseCode = "202", description = "Queued again")
	ResponseEntity<Delivery> redeliver(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@PathVariable UUID id, @PathVariable UUID deliveryId) {
		admin(ws, user);
		return ResponseEntity.accepted().body(webhooks.redeliver(ws, id, deliveryId));
	}

	private void admin(UUID ws, CurrentUser user) {
		access.require(new WorkspaceId(ws), user, Role.ADMIN);
	}
}
