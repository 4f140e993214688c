package io.knowledgecloud.agent.internal;

import java.util.Set;

import io.knowledgecloud.agent.spi.AgentTool;

/** Which agent may call which tools, and what each is told. */
final class Roles {

	private static final Set<String> RESEARCH = Set.of("document_search", "document_read", "document_summarize",
			"compare_documents", "http_fetch", "calculator", "current_date");
	private static final Set<String> WRITING = Set.of("create_report", "update_document", "document_read",
			"calculator", "current_date");

	private Roles() {
	}

	static boolean allows(String agent, AgentTool tool) {
		return switch (agent) {
			case Scope.RESEARCHER -> RESEARCH.contains(tool.name()) || tool.effect() == AgentTool.Effect.READ;
			case Scope.WRITER -> WRITING.contains(tool.name()) || tool.effect() != AgentTool.Effect.READ;
			default -> Set.of("calculator", "current_date").contains(tool.name());
		};
	}

	static String instructions(String agent) {
		return switch (agent) {
			case Scope.RESEARCHER -> "You are the researcher. Use the tools to find and read what the workspace's "
					+ "documents say about your task, then answer with the findings and their document titles and ids.";
			case Scope.WRITER -> "You are the writer. Turn the findings in your task into a report with create_report, "
					+ "or propose a document change with update_document, then answer with what you stored or proposed.";
			default -> "You are the supervisor of a small team. Break the user's goal into sub-tasks, delegate research "
					+ "to the researcher and writing to the writer, and finish with a concise answer for the user.";
		};
	}
}
