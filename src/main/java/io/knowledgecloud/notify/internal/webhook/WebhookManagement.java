package io.knowledgecloud.notify.internal.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.notify.internal.NotifyEvent;
import io.knowledgecloud.notify.internal.webhook.WebhookProblems.DeliveryInProgress;
import io.knowledgecloud.notify.internal.webhook.WebhookProblems.DeliveryNotFound;
import io.knowledgecloud.notify.internal.webhook.WebhookProblems.TooManyWebhooks;
import io.knowledgecloud.notify.internal.webhook.WebhookProblems.UnknownEventType;
import io.knowledgecloud.notify.internal.webhook.WebhookProblems.WebhookDisabled;
import io.knowledgecloud.notify.internal.webhook.WebhookProblems.WebhookNotFound;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.DestinationNotAllowed;
import io.knowledgecloud.platform.OutboundHttp;
import io.knowledgecloud.platform.PageRequest;
import io.knowledgecloud.platform.SecretBox;

/**
 * Webhook subscriptions of a workspace. Callers have checked that the caller is a workspace
 * admin; every look-up here is scoped by workspace, so another tenant's ids are not found.
 */
@Service
public class WebhookManagement {

	static final String SECRET_PURPOSE = "webhook-secret";

	/** A new subscription and its secret, which is shown only in this response. */
	public record Created(Webhook webhook, String secret) {
	}

	/** Fields to change; null leaves a field as it is ({@code description} "" clears it). */
	public record Patch(@Nullable String url, @Nullable List<String> events, @Nullable String description,
			@Nullable Boolean enabled) {
	}

	private final Webhooks webhooks;
	private final Deliveries deliveries;
	private final DeliveryQueue queue;
	private final OutboundHttp outbound;
	private final SecretBox secrets;
	private final Cursors cursors;
	private final WebhookSettings settings;
	private final Clock clock;

	WebhookManagement(Webhooks webhooks, Deliveries deliveries, DeliveryQueue queue, OutboundHttp outbound,
			SecretBox secrets, Cursors cursors, WebhookSettings settings, Clock clock) {
		this.webhooks = webhooks;
		this.deliveries = deliveries;
		this.queue = queue;
		this.outbound = outbound;
		this.secrets = secrets;
		this.cursors = cursors;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional
	public Created create(UUID ws, UserId by, String url, List<String> events, @Nullable String description) {
		if (webhooks.count(ws) >= settings.maxPerWorkspace()) {
			throw new TooManyWebhooks(settings.maxPerWorkspace());
		}
		Instant now = clock.instant();
		var webhook = new Webhook(UUID.randomUUID(), ws, checkedUrl(url), eventTypes(events), blankToNull(description),
				true, 0, null, now, now);
		String secret = Signatures.newSecret();
		webhooks.insert(webhook, secrets.encrypt(secret, SECRET_PURPOSE), by.value());
		return new Created(webhook, secret);
	}

	public CursorPage<Webhook> list(UUID ws, @Nullable String cursor, @Nullable Integer limit) {
		String scope = "webhooks:" + ws;
		PageRequest page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, webhooks.page(ws, page), page,
				w -> List.of(w.createdAt().toString(), w.id().toString()));
	}

	public Webhook get(UUID ws, UUID id) {
		return webhooks.find(ws, id).orElseThrow(WebhookNotFound::new);
	}

	@Transactional
	public Webhook update(UUID ws, UUID id, Patch patch) {
		Webhook w = get(ws, id);
		boolean enabling = Boolean.TRUE.equals(patch.enabled()) && !w.enabled();
		var changed = new Webhook(w.id(), ws, patch.url() == null ? w.url() : checkedUrl(patch.url()),
				patch.events() == null ? w.events() : eventTypes(patch.events()),
				patch.description() == null ? w.description() : blankToNull(patch.description()),
				patch.enabled() == null ? w.enabled() : patch.enabled(), enabling ? 0 : w.consecutiveFailures(),
				enabling ? null : w.disabledReason(), w.createdAt(), clock.instant());
		webhooks.update(changed, enabling);
		return get(ws, id);
	}

	@Transactional
	public void delete(UUID ws, UUID id) {
		get(ws, id);
		deliveries.deleteOf(id);
		webhooks.delete(id);
	}

	/** A new secret, shown once; the old one stops signing at once. */
	@Transactional
	public String rotateSecret(UUID ws, UUID id) {
		get(ws, id);
		String secret = Signatures.newSecret();
		webhooks.replaceSecret(id, secrets.encrypt(secret, SECRET_PURPOSE), clock.instant());
		return secret;
	}

	/** Queues a {@code ping} event for this subscription only, sent like any delivery. */
	@Transactional
	public Delivery ping(UUID ws, UUID id) {
		Webhook w = enabled(ws, id);
		Instant now = clock.instant();
		NotifyEvent ping = NotifyEvent.ping(ws, w.id(), now);
		return queue.enqueue(w, ping, now).orElseThrow();
	}

	public CursorPage<Delivery> deliveries(UUID ws, UUID id, @Nullable String cursor, @Nullable Integer limit) {
		get(ws, id);
		String scope = "webhook-deliveries:" + id;
		PageRequest page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, deliveries.page(id, page), page,
				d -> List.of(d.createdAt().toString(), d.id().toString()));
	}

	@Transactional
	public Delivery redeliver(UUID ws, UUID id, UUID deliveryId) {
		enabled(ws, id);
		Delivery d = deliveries.find(deliveryId).filter(x -> x.webhookId().equals(id))
			.orElseThrow(DeliveryNotFound::new);
		if (!deliveries.redeliver(id, d.id(), clock.instant())) {
			throw new DeliveryInProgress();
		}
		queue.wakeAfterCommit();
		return deliveries.find(deliveryId).orElseThrow();
	}

	private Webhook enabled(UUID ws, UUID id) {
		Webhook w = get(ws, id);
		if (!w.enabled()) {
			throw new WebhookDisabled();
		}
		return w;
	}

	private String checkedUrl(String url) {
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (java.net.URISyntaxException e) {
			throw new DestinationNotAllowed("the URL is malformed");
		}
		outbound.check(uri);
		return uri.toString();
	}

	private static List<String> eventTypes(List<String> events) {
		var types = new LinkedHashSet<String>();
		for (String raw : events) {
			String type = raw.strip();
			if (!type.equals("*") && !NotifyEvent.CATALOGUE.contains(type)) {
				throw new UnknownEventType(type);
			}
			types.add(type);
		}
		if (types.isEmpty()) {
			throw new UnknownEventType("");
		}
		return types.contains("*") ? List.of("*") : List.copyOf(types);
	}

	private static @Nullable String blankToNull(@Nullable String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
