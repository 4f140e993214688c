package io.knowledgecloud.assistant;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A question.
 *
 * @param question what to answer
 * @param conversationId continue this conversation (its history is folded into the question, and
 *     the exchange is stored), or {@code null}
 * @param tags only passages of documents with any of these tags
 * @param collections only passages of documents in any of these collections
 * @param documents only passages of these documents
 * @param history earlier turns sent by a stateless caller (e.g. the OpenAI-compatible API), used
 *     like a stored conversation's history but not stored
 */
public record AnswerRequest(String question, @Nullable UUID conversationId, List<String> tags,
		List<String> collections, List<UUID> documents, List<Turn> history) {

	public AnswerRequest {
		tags = List.copyOf(tags);
		collections = List.copyOf(collections);
		documents = List.copyOf(documents);
		history = List.copyOf(history);
	}

	/** An earlier message: {@code user} or {@code assistant}. */
	public record Turn(String role, String content) {
	}

	public static AnswerRequest of(String question) {
		return new AnswerRequest(question, null, List.of(), List.of(), List.of(), List.of());
	}
}
