package io.knowledgecloud.jobs.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.knowledgecloud.jobs.Jobs;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fires due schedules (run by the recurring {@code kc-schedules} task). Each occurrence is claimed
 * by moving {@code next_run_at} with compare-and-set in the transaction that submits its job, and
 * the job's id is derived from schedule and occurrence, so an occurrence fires exactly once.
 */
@Component
class ScheduleFiring {

	private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final int BATCH = 100;

	private final ScheduleStore store;
	private final Jobs jobs;
	private final TransactionTemplate tx;
	private final Clock clock;

	ScheduleFiring(ScheduleStore store, Jobs jobs, TransactionTemplate tx, Clock clock) {
		this.store = store;
		this.jobs = jobs;
		this.tx = tx;
		this.clock = clock;
	}

	void fireDue() {
		Instant now = clock.instant();
		for (Schedule s : store.due(now, BATCH)) {
			Instant occurrence = s.nextRunAt();
			if (occurrence == null) {
				continue;
			}
			try {
				// an occurrence missed while no replica ran fires once; the next one is after now
				Instant next = ScheduleCron.parse(s.cron(), s.timeZone()).next(now);
				tx.executeWithoutResult(status -> {
					if (store.claim(s.id(), occurrence, next, now)) {
						UUID jobId = UUID.nameUUIDFromBytes((s.id() + "@" + occurrence).getBytes(StandardCharsets.UTF_8));
						jobs.submit(jobId, s.kind(), s.workspaceId(), JSON.writeValueAsString(s.parameters()), now);
					}
				});
			}
			catch (RuntimeException e) {
				// e.g. the kind's handler is gone: the other schedules still fire
				log.warn("Schedule {} ({}) could not fire: {}", s.id(), s.kind(), e.toString());
			}
		}
	}
}
