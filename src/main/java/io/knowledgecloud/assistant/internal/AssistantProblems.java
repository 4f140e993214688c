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

	/** No such conversation for this user in this workspace. */
	public static final class ConversationNotFound extends KnowledgeCloudException {

		public ConversationNotFound() {
			super(HttpStatus.NOT_FOUND, "conversation_not_found", "No such conversation.");
		}
	}
}
