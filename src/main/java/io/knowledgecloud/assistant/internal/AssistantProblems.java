package io.knowledgecloud.assistant.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The assistant module's named failures. */
public final class AssistantProblems {

	private AssistantProblems() {
	}

	/** The question is empty or too long. */
	public static final class InvalidQuestion extends KnowledgeCloudException {

		public InvalidQuestion(String code, String detail) {
			super(HttpStatus.BAD_REQUEST, code, detail);
		}
	}

	/** The workspace spent its monthly budget and refuses further language-model answers. */
	public static final class BudgetExceeded extends KnowledgeCloudException {

		public BudgetExceeded(java.math.BigDecimal spent, java.math.BigDecimal budget) {
			super(HttpStatus.PAYMENT_REQUIRED, "budget_exceeded", "This workspace has spent " + spent.stripTrailingZeros()
				.toPlainString() + " of its monthly assistant budget of " + budget.stripTrailingZeros().toPlainString()
					+ ". An admin can raise it, or allow extractive answers beyond it.");
		}
	}

	/** The workspace's language-model requests per minute are used up. */
	public static final class AssistantRateLimited extends KnowledgeCloudException {

		public AssistantRateLimited(int perMinute) {
			super(HttpStatus.TOO_MANY_REQUESTS, "assistant_rate_limited",
					"This workspace may ask the language model " + perMinute + " times per minute. Try again shortly.");
		}
	}

	/** A workspace provider setting that cannot be used. */
	public static final class InvalidProvider extends KnowledgeCloudException {

		public InvalidProvider(String code, String detail) {
			super(HttpStatus.BAD_REQUEST, code, detail);
		}
	}

	/** No such conversation for this user in this workspace. */
	public static final class ConversationNotFound extends KnowledgeCloudException {

		public ConversationNotFound() {
			super(HttpStatus.NOT_FOUND, "conversation_not_found", "No such conversation.");
		}
	}
}
