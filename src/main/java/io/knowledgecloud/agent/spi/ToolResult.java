package io.knowledgecloud.agent.spi;

import org.jspecify.annotations.Nullable;

/**
 * What a tool returns.
 *
 * @param observation the text the model reads next (tools keep it short)
 * @param summary one line for the trace
 * @param data structured result as JSON text, for the planner and the API
 * @param proposal the write a WRITE tool wants approved, else null
 */
public record ToolResult(String observation, String summary, String data, @Nullable Proposal proposal) {

	public static ToolResult of(String observation, String summary, String data) {
		return new ToolResult(observation, summary, data, null);
	}
}
