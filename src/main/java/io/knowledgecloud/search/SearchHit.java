package io.knowledgecloud.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One result: a chunk of a document.
 *
 * @param text the whole chunk text (for answer generation; the HTTP API shows the snippet)
 * @param tokenCount {@code text}'s length in the embedding model's tokens; 0 when unknown
 * @param snippet a passage of the chunk: around the matched words for keyword matches, the best
 *     sentences for vector matches
 * @param highlights character ranges of matched words within {@code snippet}
 * @param duplicates how many other hits were folded into this one
 * @param explain per-mode ranks and scores, when asked for
 */
public record SearchHit(UUID chunkId, UUID documentId, String title, int version, @Nullable Integer page,
		List<String> headingPath, int startOffset, int endOffset, String text, int tokenCount, String snippet,
		List<Highlight> highlights, double score, int duplicates, List<String> tags, @Nullable String collection,
		String mediaType, Instant createdAt, @Nullable Explanation explain) {

	/** A matched range within the snippet: {@code [start, end)}. */
	public record Highlight(int start, int end) {
	}

	/**
	 * How a hit was ranked.
	 *
	 * @param keywordRank 1-based rank in the keyword list, or {@code null} when absent
	 * @param keywordScore BM25 score
	 * @param vectorRank 1-based rank in the vector list, or {@code null}
	 * @param vectorScore similarity in [0, 1]
	 * @param fusedScore the score after fusion
	 * @param fusion {@code rrf}, {@code weighted}, or the single mode
	 * @param rerankScore the re-ranker's score, when one ran
	 */
	public record Explanation(@Nullable Integer keywordRank, @Nullable Double keywordScore,
			@Nullable Integer vectorRank, @Nullable Double vectorScore, double fusedScore, String fusion,
			@Nullable Double rerankScore) {
	}
}
