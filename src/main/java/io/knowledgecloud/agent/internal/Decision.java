package io.knowledgecloud.agent.internal;

import org.jspecify.annotations.Nullable;

/** What a planner wants next. {@code tokens} is what deciding cost. */
sealed interface Decision {

	int tokens();

	/** Call a tool as {@code agent}. */
	record Call(String agent, @Nullable String thought, String tool, String arguments, String callId, int tokens)
			implements Decision {
	}

	/** The supervisor hands {@code task} to another agent. */
	record Delegate(String to, @Nullable String thought, String task, String callId, int tokens) implements Decision {
	}

	/**
	 * {@code agent} is done; a sub-agent's answer goes back to the supervisor, the supervisor's ends
	 * the run. {@code failure} set = the agent gave up, saying why.
	 */
	record Finish(String agent, String answer, @Nullable String data, @Nullable String failure, int tokens)
			implements Decision {
	}
}
