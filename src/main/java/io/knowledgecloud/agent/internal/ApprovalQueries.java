package io.knowledgecloud.agent.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.Approval;
import io.knowledgecloud.platform.PageRequest;

/** Read access to approvals for the public facade. */
@Component
public class ApprovalQueries {

	private final ApprovalStore approvals;

	ApprovalQueries(ApprovalStore approvals) {
		this.approvals = approvals;
	}

	public List<Approval> page(UUID workspaceId, @Nullable String status, PageRequest request) {
		return approvals.page(workspaceId, status, request);
	}

	public List<Approval> forRun(UUID runId) {
		return approvals.forRun(runId);
	}
}
