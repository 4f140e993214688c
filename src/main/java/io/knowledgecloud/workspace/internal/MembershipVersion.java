package io.knowledgecloud.workspace.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.AfterTransaction;

/**
 * A counter of this replica's writes to workspaces and memberships. Lists cached by it
 * ({@link WorkspaceManagement#mine}) are stale as soon as the counter moves: it moves when the
 * write is made and again when its transaction ends, so a list read in between (the old rows,
 * under the new number) is not kept either. Other replicas' writes are seen when an entry expires.
 */
@Component
class MembershipVersion {

	private final AtomicLong version = new AtomicLong();

	long current() {
		return version.get();
	}

	void changed() {
		AfterTransaction.nowAndAtEnd(version::incrementAndGet);
	}
}
