package io.knowledgecloud.assistant.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.knowledgecloud.assistant.Answer;
import io.knowledgecloud.assistant.AnswerListener;
import io.knowledgecloud.assistant.AnswerRequest;
import io.knowledgecloud.assistant.Answers;
import io.knowledgecloud.assistant.Citation;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's chat completions and models API over the assistant, so existing OpenAI clients work
 * unchanged: the API key chooses the workspace, the last user message is the question, earlier
 * messages are the history. Citations and sources travel in the extension field
 * {@code knowledgecloud} of the completion (and of the last streamed chunk).
 */
@RestController
@Tag(name = "OpenAI-compatible")
class OpenAiCompatibleController {

	static final String MODEL = "knowledgecloud";

	record Message(@NotNull String role, @Nullable Object content) {

		String text() {
			if (content instanceof String s) {
				return s;
			}
			if (content instanceof List<?> parts) {
				StringBuilder out = new StringBuilder();
				for (Object part : parts) {
					if (part instanceof Map<?, ?> m && "text".equals(m.get("type")) && m.get("text") instanceof String t) {
						out.append(t);
					}
				}
				return out.toString();
			}
			return "";
		}
	}

	record CompletionRequest(@Nullable String model, @NotEmpty @Size(max = 200) List<@Valid Message> messages,
			@Nullable Boolean stream, @Nullable Integer maxTokens, @Nullable Double temperature) {
	}

	/** No workspace: a person's token was used without {@code X-KC-Workspace}. */
	static final class WorkspaceRequired extends KnowledgeCloudException {

		WorkspaceRequired() {
			super(HttpStatus.BAD_REQUEST, "workspace_required", "Use a workspace API key, or send the workspace id in "
					+ "the X-KC-Workspace header.");
		}
	}

	/** The messages hold no user message to answer. */
	static final class NoQuestion extends KnowledgeCloudException {

		NoQuestion() {
			super(HttpStatus.BAD_REQUEST, "question_required", "The last message must be a user message with text.");
		}
	}

	private final Answers answers;
	/** The application's mapper, so streamed chunks are named like every other response (snake_case). */
	private final JsonMapper json;

	OpenAiCompatibleController(Answers answers, JsonMapper json) {
		this.answers = answers;
		this.json = json;
	}

	@GetMapping("/v1/models")
	@Operation(summary = "Models (OpenAI-compatible)", description = "One model, `knowledgecloud`: answers from the "
			+ "workspace's documents with checked citations.")
	Map<String, Object> models() {
		return Map.of("object", "list", "data",
				List.of(Map.of("id", MODEL, "object", "model", "created", 1763769600, "owned_by", "knowledgecloud")));
	}

	@PostMapping(path = "/v1/chat/completions")
	@Operation(summary = "Chat completions (OpenAI-compatible)", description = "Authenticate with a workspace API key "
			+ "(`Authorization: Bearer kc_…`), or with an access token plus `X-KC-Workspace`. The last user message is "
			+ "the question; earlier ones are the history. `stream: true` answers in OpenAI's chunk format ending with "
			+ "`data: [DONE]`. The extension field `knowledgecloud` holds `citations`, `sources`, `answered` and "
			+ "`degraded`.")
	ResponseEntity<StreamingResponseBody> complete(@AuthenticationPrincipal CurrentUser user,
			@RequestHeader(name = "X-KC-Workspace", required = false) @Nullable UUID header,
			@Valid @RequestBody CompletionRequest body) {
		WorkspaceId ws = workspace(user, header);
		List<Message> messages = body.messages();
		Message last = messages.getLast();
		if (!last.role().equals("user") || last.text().isBlank()) {
			throw new NoQuestion();
		}
		List<AnswerRequest.Turn> history = new ArrayList<>();
		for (Message m : messages.subList(0, messages.size() - 1)) {
			if (m.role().equals("user") || m.role().equals("assistant")) {
				history.add(new AnswerRequest.Turn(m.role(), m.text()));
			}
		}
		var request = new AnswerRequest(last.text(), null, List.of(), List.of(), List.of(), history);
		String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
		long created = System.currentTimeMillis() / 1000;
		if (!Boolean.TRUE.equals(body.stream())) {
			Answer answer = answers.answer(ws, user, request);
			Map<String, Object> completion = new LinkedHashMap<>();
			completion.put("id", id);
			completion.put("object", "chat.completion");
			completion.put("created", created);
			completion.put("model", MODEL);
			completion.put("choices", List.of(Map.of("index", 0, "message",
					Map.of("role", "assistant", "content", answer.text()), "finish_reason", "stop")));
			completion.put("usage", usage(answer));
			completion.put("knowledgecloud", extension(answer));
			byte[] bytes = json.writeValueAsBytes(completion);
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> out.write(bytes));
		}
		Answers.Admitted admitted = answers.validate(ws, user, request);
		StreamingResponseBody stream = out -> {
			var listener = new AnswerListener() {
				boolean first = true;

				@Override
				public void retrieval(List<Answer.Source> sources) {
				}

				@Override
				public void token(String text) {
					Map<String, Object> delta = first ? Map.of("role", "assistant", "content", text)
							: Map.of("content", text);
					first = false;
					write(out, chunk(id, created, delta, null, null));
				}

				@Override
				public void citation(Citation citation) {
				}

				@Override
				public void done(Answer answer) {
					Map<String, Object> last = chunk(id, created, Map.of(), "stop", answer);
					write(out, last);
				}
			};
			try {
				answers.stream(admitted, listener);
			}
			catch (KnowledgeCloudException e) {
				write(out, Map.of("error", Map.of("message", e.getMessage() == null ? e.code() : e.getMessage(),
						"type", "invalid_request_error", "code", e.code())));
			}
			out.write("data: [DONE]\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.flush();
		};
		return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).header("Cache-Control", "no-cache").body(stream);
	}

	private static Map<String, Object> chunk(String id, long created, Map<String, Object> delta,
			@Nullable String finish, @Nullable Answer answer) {
		Map<String, Object> choice = new LinkedHashMap<>();
		choice.put("index", 0);
		choice.put("delta", delta);
		choice.put("finish_reason", finish);
		Map<String, Object> chunk = new LinkedHashMap<>();
		chunk.put("id", id);
		chunk.put("object", "chat.completion.chunk");
		chunk.put("created", created);
		chunk.put("model", MODEL);
		chunk.put("choices", List.of(choice));
		if (answer != null) {
			chunk.put("usage", usage(answer));
			chunk.put("knowledgecloud", extension(answer));
		}
		return chunk;
	}

	private void write(java.io.OutputStream out, Object data) {
		try {
			out.write(("data: " + json.writeValueAsString(data) + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.flush();
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static Map<String, Object> usage(Answer answer) {
		return Map.of("prompt_tokens", answer.usage().inputTokens(), "completion_tokens", answer.usage().outputTokens(),
				"total_tokens", answer.usage().inputTokens() + answer.usage().outputTokens());
	}

	private static Map<String, Object> extension(Answer answer) {
		return Map.of("citations", answer.citations(), "sources", answer.sources(), "answered", answer.answered(),
				"degraded", answer.degraded(), "provider", answer.provider());
	}

	private static WorkspaceId workspace(CurrentUser user, @Nullable UUID header) {
		if (user.apiKey() != null) {
			return new WorkspaceId(user.apiKey().workspaceId());
		}
		if (header == null) {
			throw new WorkspaceRequired();
		}
		return new WorkspaceId(header);
	}
}
