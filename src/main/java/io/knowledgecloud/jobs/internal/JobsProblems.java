package io.knowledgecloud.jobs.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The jobs module's named errors. */
public final class JobsProblems {

	private JobsProblems() {
	}

	/** No dead letter with this id in this workspace (another workspace's ids look the same). */
	public static final class DeadLetterNotFound extends KnowledgeCloudException {

		DeadLetterNotFound() {
			super(HttpStatus.NOT_FOUND, "dead_letter_not_found", "No such dead letter in this workspace.");
		}
	}

	/** No schedule with this id in this workspace. */
	public static final class ScheduleNotFound extends KnowledgeCloudException {

		ScheduleNotFound() {
			super(HttpStatus.NOT_FOUND, "schedule_not_found", "No such schedule in this workspace.");
		}
	}

	/** A schedule field is not acceptable; {@code code} says which rule. */
	public static final class InvalidSchedule extends KnowledgeCloudException {

		InvalidSchedule(String code, String detail) {
			super(HttpStatus.BAD_REQUEST, code, detail);
		}
	}
}
