package io.knowledgecloud.agent.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The agent whose turn it is, with the task it was given and the steps it has seen: the
 * supervisor sees its delegations and their answers, a sub-agent sees its own calls since it was
 * delegated to. Derived from the stored steps alone, so any replica can resume a run.
 */
record Scope(String agent, String task, List<Step> steps) {

	static final String SUPERVISOR = "supervisor";
	static final String RESEARCHER = "researcher";
	static final String WRITER = "writer";

	static Scope active(String goal, List<Step> steps) {
		Deque<Scope> stack = new ArrayDeque<>();
		stack.push(new Scope(SUPERVISOR, goal, new ArrayList<>()));
		for (Step step : steps) {
			Scope current = stack.peek();
			if (Step.DELEGATE.equals(step.kind())) {
				current.steps().add(step);
				stack.push(new Scope(delegatedTo(step), taskOf(step), new ArrayList<>()));
			}
			else if (Step.FINISH.equals(step.kind()) && stack.size() > 1) {
				stack.pop();
				stack.peek().steps().add(step);
			}
			else {
				current.steps().add(step);
			}
		}
		return stack.peek();
	}

	/** Steps of this scope that called {@code tool} (the latest observation per call). */
	List<Step> calls(String tool) {
		return steps.stream().filter(s -> tool.equals(s.tool()) && !Step.APPROVAL_REQUESTED.equals(s.kind())).toList();
	}

	/** Answers of sub-agents this supervisor delegated to {@code agent}. */
	List<Step> answersFrom(String agent) {
		return steps.stream().filter(s -> Step.FINISH.equals(s.kind()) && agent.equals(s.agent())).toList();
	}

	private static String delegatedTo(Step step) {
		return Args.JSON.readTree(step.arguments() == null ? "{}" : step.arguments()).path("agent").asString(RESEARCHER);
	}

	private static String taskOf(Step step) {
		return Args.JSON.readTree(step.arguments() == null ? "{}" : step.arguments()).path("task").asString("");
	}
}
