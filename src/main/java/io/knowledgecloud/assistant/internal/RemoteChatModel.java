package io.knowledgecloud.assistant.internal;

import java.time.Duration;
import java.util.List;

import io.knowledgecloud.assistant.spi.ChatListener;
import io.knowledgecloud.assistant.spi.ChatMessage;
import io.knowledgecloud.assistant.spi.ChatModel;
import io.knowledgecloud.assistant.spi.ChatModelFailed;
import io.knowledgecloud.assistant.spi.ChatRequest;
import io.knowledgecloud.assistant.spi.ChatResponse;
import io.knowledgecloud.assistant.spi.ToolCall;
import io.knowledgecloud.assistant.spi.ToolSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A chat model behind HTTP. Each call ends by a {@link Deadline}; called through the SPI it is
 * the configured timeout from now, and {@link ResilientChatModel} passes one deadline to all
 * attempts of a call so that retries share the timeout instead of multiplying it.
 */
abstract class RemoteChatModel implements ChatModel, AutoCloseable {

	private final Duration timeout;

	RemoteChatModel(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public final ChatResponse chat(ChatRequest request) {
		return chat(request, Deadline.after(timeout));
	}

	@Override
	public final void stream(ChatRequest request, ChatListener listener) {
		stream(request, listener, Deadline.after(timeout));
	}

	abstract ChatResponse chat(ChatRequest request, Deadline deadline);

	abstract void stream(ChatRequest request, ChatListener listener, Deadline deadline);

	@Override
	public abstract void close();

	/**
	 * Token counts for a provider that reported none: one per four characters (code points), as
	 * the remote embedding providers are counted, plus a few per message for the chat framing.
	 */
	static ChatResponse.Usage estimate(ChatRequest request, String content, List<ToolCall> calls) {
		int in = 0;
		for (ChatMessage m : request.messages()) {
			in += 4 + tokens(m.content());
			for (ToolCall c : m.toolCalls()) {
				in += tokens(c.name()) + tokens(c.argumentsJson());
			}
		}
		int out = tokens(content);
		for (ToolCall c : calls) {
			out += tokens(c.name()) + tokens(c.argumentsJson());
		}
		return new ChatResponse.Usage(in, out, true);
	}

	/** A tool's parameter schema as JSON; a schema that is not a JSON object is our bug, not the provider's. */
	static JsonNode schema(ToolSpec tool) {
		try {
			JsonNode schema = ProviderEndpoint.JSON.readTree(tool.parametersSchema());
			if (schema.isObject()) {
				return schema;
			}
		}
		catch (JacksonException ex) {
			// reported below
		}
		throw new ChatModelFailed("The parameters schema of tool " + tool.name() + " is not a JSON object.", 0, false,
				null);
	}

	/** A string of a provider's answer, or empty when it is absent, null or not a string. */
	static String text(JsonNode node) {
		return node.isString() ? node.stringValue() : "";
	}

	/** A non-negative integer of a provider's answer, or -1 when it is not one. */
	static int count(JsonNode node) {
		return node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0 ? node.intValue() : -1;
	}

	static int tokens(String text) {
		return (text.codePointCount(0, text.length()) + 3) / 4;
	}
}
