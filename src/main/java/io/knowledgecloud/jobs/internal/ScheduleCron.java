package io.knowledgecloud.jobs.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

import io.knowledgecloud.jobs.internal.JobsProblems.InvalidSchedule;

/**
 * A schedule's cron expression in its time zone. Accepts Spring's six fields (with seconds),
 * the classic five (seconds = 0) and macros such as {@code @weekly}.
 */
record ScheduleCron(CronExpression expression, ZoneId zone) {

	/** How many consecutive occurrences are checked against the minimum interval. */
	private static final int CHECKED_OCCURRENCES = 50;

	static ScheduleCron parse(String cron, String timeZone) {
		ZoneId zone;
		try {
			zone = ZoneId.of(timeZone);
		}
		catch (DateTimeException e) {
			throw new InvalidSchedule("invalid_time_zone", "time_zone must be an IANA zone such as Europe/Berlin.");
		}
		String text = cron.strip();
		if (!text.startsWith("@") && text.split("\\s+").length == 5) {
			text = "0 " + text;
		}
		try {
			return new ScheduleCron(CronExpression.parse(text), zone);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidSchedule("invalid_cron", "cron is not a valid cron expression: " + e.getMessage());
		}
	}

	/** The first occurrence strictly after {@code after}, or null if there is none. */
	@Nullable Instant next(Instant after) {
		ZonedDateTime next = expression.next(after.atZone(zone));
		return next == null ? null : next.toInstant();
	}

	/** Refuses expressions whose occurrences come closer together than {@code minimum}. */
	void requireInterval(Instant from, Duration minimum) {
		Instant previous = next(from);
		if (previous == null) {
			throw new InvalidSchedule("invalid_cron", "cron never fires.");
		}
		for (int i = 0; i < CHECKED_OCCURRENCES; i++) {
			Instant following = next(previous);
			if (following == null) {
				return;
			}
			if (Duration.between(previous, following).compareTo(minimum) < 0) {
				throw new InvalidSchedule("schedule_too_frequent",
						"A schedule may fire at most once every " + minimum + " (kc.jobs.min-schedule-interval).");
			}
			previous = following;
		}
	}
}
