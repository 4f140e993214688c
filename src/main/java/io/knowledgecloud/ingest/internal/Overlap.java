package io.knowledgecloud.ingest.internal;

import java.util.ArrayList;
import java.util.List;

import io.knowledgecloud.ingest.internal.Segmenter.Boundary;
import io.knowledgecloud.ingest.internal.Segmenter.Segment;

/**
 * Where the chunk after a cut starts so that it repeats the end of the chunk before it: the
 * earliest word start whose stretch up to the cut fits {@code overlapTokens}, moved forward to
 * a sentence (or line) start when one lies in the first half of that stretch, so overlaps read
 * as whole sentences where they can. Always after the previous chunk's start, so chunks advance.
 */
final class Overlap {

	private final String text;
	private final TokenCounter counter;
	private final int overlapTokens;
	private final int overhead;

	Overlap(String text, TokenCounter counter, int overlapTokens, int overhead) {
		this.text = text;
		this.counter = counter;
		this.overlapTokens = overlapTokens;
		this.overhead = overhead;
	}

	/**
	 * @param chunkStart start of the chunk just made
	 * @param cut its end
	 * @param segments its segments
	 * @return {@code {start, tokens}} of the overlap, or {@code {-1, 0}} when not even the last
	 *         word fits
	 */
	int[] find(int chunkStart, int cut, List<Segment> segments) {
		List<Integer> wordStarts = new ArrayList<>();
		for (int p = cut - 1; p > chunkStart && wordStarts.size() <= overlapTokens; p--) {
			if (!Character.isWhitespace(text.charAt(p)) && Character.isWhitespace(text.charAt(p - 1))) {
				wordStarts.add(p);
			}
		}
		int low = 0;
		int high = wordStarts.size() - 1;
		int best = -1;
		while (low <= high) {
			int mid = (low + high) >>> 1;
			if (tokens(wordStarts.get(mid), cut) <= overlapTokens) {
				best = mid;
				low = mid + 1;
			}
			else {
				high = mid - 1;
			}
		}
		if (best < 0) {
			return new int[] { -1, 0 };
		}
		int start = wordStarts.get(best);
		for (Segment segment : segments) {
			boolean inFirstHalf = segment.start() >= start && (segment.start() - start) * 2L <= cut - start;
			if (inFirstHalf && segment.before().compareTo(Boundary.LINE) >= 0 && segment.start() < cut) {
				start = segment.start();
				break;
			}
		}
		return new int[] { start, tokens(start, cut) };
	}

	private int tokens(int from, int to) {
		return Math.max(0, counter.count(text.substring(from, to)) - overhead);
	}
}
