package io.knowledgecloud.agent.spi;

/**
 * A tool an agent may call. Tools are Spring beans; {@link #name()} is their stable id. A tool
 * whose {@link #effect()} is {@link Effect#WRITE} never writes when called: {@link #call} returns
 * a {@link Proposal} and the write happens in {@link #apply} once a person approves it.
 */
public interface AgentTool {

	/** What calling the tool may change. */
	enum Effect {
		/** Reads only. */
		READ,
		/** Creates new documents, never changes existing ones (reports). */
		CREATE,
		/** Changes an existing document: only after approval. */
		WRITE
	}

	String name();

	String description();

	/** JSON Schema of the arguments object. */
	String parametersSchema();

	Effect effect();

	/** Runs the tool; a failure the model may correct throws {@link ToolFailure}. */
	ToolResult call(ToolInvocation invocation) throws ToolFailure;

	/** Applies an approved proposal (write tools only); returns the new document version. */
	default int apply(ToolInvocation invocation, Proposal proposal) {
		throw new UnsupportedOperationException(name() + " does not write");
	}
}
