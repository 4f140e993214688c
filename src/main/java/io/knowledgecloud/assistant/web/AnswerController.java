package io.knowledgecloud.assistant.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.knowledgecloud.assistant.Answer;
import io.knowledgecloud.assistant.AnswerListener;
import io.knowledgecloud.assistant.AnswerRequest;
import io.knowledgecloud.assistant.Answers;
import io.knowledgecloud.assistant.Citation;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Questions answered from the workspace's documents, as JSON or as a server-sent event stream. */
@RestController
@RequestMapping("/api/v1/workspaces/{ws}/answers")
@Tag(name = "Answers")
class AnswerController {

	private static final Logger log = LoggerFactory.getLogger(AnswerController.class);

	/** A question. */
	record AnswerBody(@NotNull String question, @Nullable UUID conversationId, @Nullable @Size(max = 100) List<String> tags,
			@Nullable @Size(max = 100) List<String> collections, @Nullable @Size(max = 1000) List<UUID> documents) {

		AnswerRequest toRequest() {
			return new AnswerRequest(question, conversationId, tags == null ? List.of() : tags,
					collections == null ? List.of() : collections, documents == null ? List.of() : documents, List.of());
		}
	}

	private final Answers answers;

	record EvaluationQuestion(@jakarta.validation.constraints.NotBlank String question,
			@NotNull @Size(min = 1, max = 1000) java.util.Set<UUID> relevantDocumentIds, @Nullable String referenceAnswer) {
	}

	record EvaluationBody(@NotNull @Size(min = 1, max = 1000) List<@Valid EvaluationQuestion> questions) {
	}

	@PostMapping(path = "/evaluate", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Evaluate answers (admin)", description = "Runs a question set (`question`, "
			+ "`relevant_document_ids`, optional `reference_answer`) through the whole pipeline and reports retrieval hit "
			+ "rate and MRR over the answer's sources, answered rate, citation precision (citations whose span supports "
			+ "their sentence), share of citations to relevant documents, unsupported-sentence rate, latency p50/p99, "
			+ "tokens and cost, with one result per question. The semantic cache is bypassed.")
	io.knowledgecloud.assistant.AnswerEvaluation evaluate(@AuthenticationPrincipal CurrentUser user,
			@PathVariable UUID ws, @Valid @RequestBody EvaluationBody body) {
		return answers.evaluate(new WorkspaceId(ws), user, body.questions()
			.stream()
			.map(q -> new io.knowledgecloud.assistant.AnswerEvaluation.Question(q.question(), q.relevantDocumentIds(),
					q.referenceAnswer()))
			.toList());
	}

	AnswerController(Answers answers) {
		this.answers = answers;
	}

	@PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Answer a question", description = "Retrieves passages the caller may see (hybrid "
			+ "search), answers from them with `[n]` markers and checks every citation against its source span. "
			+ "`answered` is false when the documents do not answer; `degraded` is true when the configured provider "
			+ "failed and the extractive answerer stepped in. With `Accept: text/event-stream` the answer streams as "
			+ "events `retrieval`, `token`, `citation` and `done`. Optional: `conversation_id` (history is folded into "
			+ "the question and the exchange is stored), `tags`, `collections`, `documents`.")
	@ApiResponse(responseCode = "400", description = "Empty or too long question (question_required, question_too_long)")
	@ApiResponse(responseCode = "404", description = "Unknown workspace or conversation")
	Answer answer(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody AnswerBody body) {
		return answers.answer(new WorkspaceId(ws), user, body.toRequest());
	}

	@PostMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Answer a question as a stream", description = "Server-sent events: `retrieval` "
			+ "(`{sources}`), `token` (`{text}`), one `citation` per checked citation, then `done` (the whole answer, "
			+ "with usage and cost). A failure after the stream started ends it with an `error` event holding a "
			+ "problem document.")
	SseEmitter stream(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID ws,
			@Valid @RequestBody AnswerBody body) {
		WorkspaceId workspace = new WorkspaceId(ws);
		AnswerRequest request = body.toRequest();
		Answers.Admitted admitted = answers.validate(workspace, user, request);
		SseEmitter emitter = new SseEmitter(0L);
		Thread.ofVirtual().name("answer-stream").start(() -> {
			try {
				answers.stream(admitted, new AnswerListener() {
					@Override
					public void retrieval(List<Answer.Source> sources) {
						send(emitter, "retrieval", Map.of("sources", sources));
					}

					@Override
					public void token(String text) {
						send(emitter, "token", Map.of("text", text));
					}

					@Override
					public void citation(Citation citation) {
						send(emitter, "citation", citation);
					}

					@Override
					public void done(Answer answer) {
						send(emitter, "done", answer);
					}
				});
				emitter.complete();
			}
			catch (ClientGone e) {
				emitter.complete();
			}
			catch (RuntimeException e) {
				log.warn("answer stream failed", e);
				String code = e instanceof KnowledgeCloudException k ? k.code() : "internal_error";
				try {
					emitter.send(SseEmitter.event().name("error").data(Map.of("code", code, "title",
							"The answer could not be completed", "status", e instanceof KnowledgeCloudException k
									? k.status().value() : 500)));
				}
				catch (IOException | IllegalStateException ignored) {
					// the client is gone
				}
				emitter.complete();
			}
		});
		return emitter;
	}

	private static void send(SseEmitter emitter, String event, Object data) {
		try {
			emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException e) {
			throw new ClientGone();
		}
	}

	/** The client closed the stream. */
	private static final class ClientGone extends RuntimeException {

		ClientGone() {
			super(null, null, false, false);
		}
	}
}
