package io.knowledgecloud.assistant.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.knowledgecloud.assistant.Answer;
import io.knowledgecloud.assistant.Citation;
import io.knowledgecloud.assistant.spi.ChatMessage;
import io.knowledgecloud.assistant.spi.Passage;
import io.knowledgecloud.embedding.Embeddings;
import io.knowledgecloud.search.SearchHit;
import io.knowledgecloud.workspace.WorkspaceId;

/** Ties answers to sources: assembles the numbered passages, renders the prompt, checks citations. */
@Component
public class Grounding {

	public static final String NO_SOURCES = "No document I can see matches this question.";

	/** The passages of one answer. */
	public record Context(List<ContextAssembler.Piece> pieces, List<Answer.Source> sources, List<Passage> passages) {

		public boolean empty() {
			return pieces.isEmpty();
		}
	}

	/** A checked answer. */
	public record Checked(String text, List<Citation> citations, int unsupportedSentences) {
	}

	private final ContextAssembler assembler;
	private final CitationVerifier verifier;
	private final PromptTemplates templates;

	Grounding(Embeddings embeddings, AssistantSettings settings, PromptTemplates templates) {
		this.templates = templates;
		this.assembler = new ContextAssembler(embeddings::countTokens, settings.contextTokens());
		this.verifier = new CitationVerifier(embeddings::embedDocuments, settings.supportThreshold());
	}

	public Context assemble(String question, List<SearchHit> hits) {
		List<ContextAssembler.Piece> pieces = assembler.assemble(question, hits);
		List<Answer.Source> sources = pieces.stream()
			.map(p -> new Answer.Source(p.number(), p.hit().documentId(), p.hit().version(), p.hit().title(),
					p.hit().page(), p.hit().chunkId(), p.hit().score()))
			.toList();
		List<Passage> passages = pieces.stream().map(p -> new Passage(p.number(), p.hit().title(), p.text())).toList();
		return new Context(pieces, sources, passages);
	}

	public List<ChatMessage> prompt(WorkspaceId ws, String question, Context context, List<ChatMessage> history) {
		return prompt(templates.active(ws.value()), ws, question, context, history);
	}

	public List<ChatMessage> prompt(PromptTemplate template, WorkspaceId ws, String question, Context context,
			List<ChatMessage> history) {
		StringBuilder sources = new StringBuilder();
		for (Passage p : context.passages()) {
			sources.append('[').append(p.number()).append("] ").append(p.title()).append('\n').append(p.text())
				.append("\n\n");
		}
		return template.render(
				Map.of("sources", sources.toString().strip(), "question", question, "workspace", ws.toString()),
				history);
	}

	public Checked check(String answer, Context context) {
		var checked = verifier.check(answer, context.pieces());
		return new Checked(checked.text(), checked.citations(), checked.unsupportedSentences());
	}
}
