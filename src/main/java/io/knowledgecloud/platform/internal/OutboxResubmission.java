package io.knowledgecloud.platform.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resubmits event publications that have been incomplete for a while (a listener failed, or
 * the process died after commit). Runs on a schedule rather than at every replica's start-up,
 * and only touches publications older than the threshold so in-flight ones are left alone.
 */
@Component
class OutboxResubmission {

	private static final Logger log = LoggerFactory.getLogger(OutboxResubmission.class);

	private final IncompleteEventPublications publications;
	private final Duration olderThan;

	OutboxResubmission(IncompleteEventPublications publications,
			@Value("${kc.outbox.resubmit-older-than:PT1M}") Duration olderThan) {
		this.publications = publications;
		this.olderThan = olderThan;
	}

	@Scheduled(fixedDelayString = "${kc.outbox.resubmit-interval:PT1M}",
			initialDelayString = "${kc.outbox.resubmit-interval:PT1M}")
	void resubmit() {
		try {
			publications.resubmitIncompletePublicationsOlderThan(olderThan);
		}
		catch (RuntimeException e) {
			log.warn("Resubmitting incomplete event publications failed: {}", e.toString());
		}
	}
}
