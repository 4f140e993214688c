package io.knowledgecloud.agent;

/** Where a run is. The last three are final. */
public enum AgentRunStatus {
	PENDING, RUNNING, WAITING_APPROVAL, SUCCEEDED, FAILED, CANCELLED;

	public boolean finished() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED;
	}
}
