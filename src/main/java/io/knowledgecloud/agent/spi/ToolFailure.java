package io.knowledgecloud.agent.spi;

/** A tool call that failed in a way the model can see and may correct (bad arguments, refused URL). */
public class ToolFailure extends Exception {

	private final String code;

	public ToolFailure(String code, String message) {
		super(message);
		this.code = code;
	}

	public String code() {
		return code;
	}
}
