package io.knowledgecloud.jobs.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Jobs configuration ({@code kc.jobs.*}).
 *
 * @param enabled whether this replica runs jobs (a replica that only submits them may set false)
 * @param threads worker threads of this replica
 * @param pollingInterval how often an idle replica looks for due jobs
 * @param heartbeatInterval how often a running job's row is touched
 * @param missedHeartbeats after this many missed heartbeats a running job counts as dead (its replica
 *                         crashed) and is run again
 * @param shutdownWait how long a stopping replica waits for running jobs before giving them up
 * @param scheduleCheckInterval how often due schedules are looked for
 * @param minScheduleInterval the shortest allowed gap between two occurrences of a schedule
 */
@Validated
@ConfigurationProperties("kc.jobs")
public record JobsSettings(@DefaultValue("true") boolean enabled, @DefaultValue("4") @Min(1) @Max(64) int threads,
		@DefaultValue("10s") Duration pollingInterval, @DefaultValue("10s") Duration heartbeatInterval,
		@DefaultValue("6") @Min(4) int missedHeartbeats, @DefaultValue("30s") Duration shutdownWait,
		@DefaultValue("30s") Duration scheduleCheckInterval, @DefaultValue("1h") Duration minScheduleInterval) {
}
