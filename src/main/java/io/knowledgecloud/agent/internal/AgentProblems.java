package io.knowledgecloud.agent.internal;

import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** The agent module's named errors. */
public final class AgentProblems {

	private AgentProblems() {
	}

	public static final class RunNotFound extends KnowledgeCloudException {
		public RunNotFound() {
			super(HttpStatus.NOT_FOUND, "agent_run_not_found", "No such agent run in this workspace.");
		}
	}

	public static final class ApprovalNotFound extends KnowledgeCloudException {
		public ApprovalNotFound() {
			super(HttpStatus.NOT_FOUND, "approval_not_found", "No such approval request in this workspace.");
		}
	}

	public static final class MemoryNotFound extends KnowledgeCloudException {
		public MemoryNotFound() {
			super(HttpStatus.NOT_FOUND, "agent_memory_not_found", "No such memory.");
		}
	}

	public static final class InvalidRun extends KnowledgeCloudException {
		public InvalidRun(String code, String detail) {
			super(HttpStatus.BAD_REQUEST, code, detail);
		}
	}

	/** The approval was already decided, expired, or its run was cancelled. */
	public static final class ApprovalNotPending extends KnowledgeCloudException {
		public ApprovalNotPending(String status) {
			super(HttpStatus.CONFLICT, "approval_not_pending", "The approval request is " + status + ", not pending.");
		}
	}

	public static final class RunFinished extends KnowledgeCloudException {
		public RunFinished(String status) {
			super(HttpStatus.CONFLICT, "agent_run_finished", "The run already finished: " + status + ".");
		}
	}

	/** The document moved on since the proposal was computed. */
	public static final class DocumentChanged extends KnowledgeCloudException {
		public DocumentChanged(int base, int current) {
			super(HttpStatus.CONFLICT, "document_changed", "The proposal was made against version " + base
					+ " but the document is at version " + current + " now; reject it and run the agent again.");
		}
	}

	public static final class NotRollbackable extends KnowledgeCloudException {
		public NotRollbackable(String detail) {
			super(HttpStatus.CONFLICT, "not_rollbackable", detail);
		}
	}

	/** Approvals need a person: API keys and the run itself cannot decide. */
	public static final class ApprovalNeedsPerson extends KnowledgeCloudException {
		public ApprovalNeedsPerson(String detail) {
			super(HttpStatus.FORBIDDEN, "approval_not_allowed", detail);
		}
	}
}
