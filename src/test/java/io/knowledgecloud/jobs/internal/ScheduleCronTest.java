package io.knowledgecloud.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.knowledgecloud.jobs.internal.JobsProblems.InvalidSchedule;

class ScheduleCronTest {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void fiveFieldsSixFieldsAndMacrosAreAcceptedInTheirTimeZone() {
		assertThat(ScheduleCron.parse("0 8 * * MON", "Europe/Berlin").next(NOW))
			.isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
		assertThat(ScheduleCron.parse("30 0 8 * * *", "UTC").next(NOW)).isEqualTo(Instant.parse("2026-11-23T08:00:30Z"));
		assertThat(ScheduleCron.parse("@weekly", "UTC").next(NOW)).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
	}

	@Test
	void badExpressionsAndZonesHaveTheirOwnCodes() {
		assertThatThrownBy(() -> ScheduleCron.parse("61 * * * *", "UTC")).isInstanceOf(InvalidSchedule.class)
			.extracting("code").isEqualTo("invalid_cron");
		assertThatThrownBy(() -> ScheduleCron.parse("@daily", "Nowhere/Town")).extracting("code")
			.isEqualTo("invalid_time_zone");
	}

	@Test
	void theMinimumIntervalLooksAtEveryGapNotJustTheFirst() {
		// hourly is fine, but 9:00 and 9:10 are ten minutes apart
		ScheduleCron.parse("0 * * * *", "UTC").requireInterval(NOW, Duration.ofHours(1));
		assertThatThrownBy(() -> ScheduleCron.parse("0 0,10 9 * * *", "UTC").requireInterval(NOW, Duration.ofHours(1)))
			.extracting("code").isEqualTo("schedule_too_frequent");
	}
}
