package io.knowledgecloud.search.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.knowledgecloud.search.spi.IndexedChunk;

/**
 * Chunks the Lucene index has already read from its stored fields, by segment and the document's
 * number in it. Reading one decompresses a block of the stored fields; the chunks that related
 * questions find again and again are read once. A segment's documents never change (a changed chunk
 * is a new document in another segment, a deleted one is no longer found), so an entry never goes
 * stale; a segment's entries are dropped when it closes (merged away, its generation dropped). ADR 47.
 */
final class StoredMatches {

	/** Reads a document's chunk from the stored fields. */
	@FunctionalInterface
	interface Reader {
		IndexedChunk read(int doc) throws IOException;
	}

	private record Key(Object segment, int doc) {
	}

	private final @Nullable Cache<Key, IndexedChunk> chunks;
	/** Segments with a listener that drops their entries when they close. */
	private final Set<Object> watched = ConcurrentHashMap.newKeySet();

	/** @param memory text counted at two bytes a character; zero keeps nothing */
	StoredMatches(DataSize memory) {
		this.chunks = memory.toBytes() <= 0 ? null
				: Caffeine.newBuilder()
					.maximumWeight(memory.toBytes())
					.weigher((Key key, IndexedChunk chunk) -> 512 + 2 * chunk.text().length() + 2 * chunk.title().length())
					.build();
	}

	/** The chunk of top-level document {@code doc} of {@code reader}, read with {@code read} unless kept. */
	IndexedChunk get(IndexReader reader, int doc, Reader read) throws IOException {
		var leaves = reader.leaves();
		LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
		IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
		Cache<Key, IndexedChunk> cache = chunks;
		if (cache == null || helper == null) {
			return read.read(doc);
		}
		Key key = new Key(helper.getKey(), doc - leaf.docBase);
		if (watched.add(key.segment())) {
			helper.addClosedListener(closed -> {
				watched.remove(closed);
				cache.asMap().keySet().removeIf(entry -> entry.segment() == closed);
			});
		}
		IndexedChunk chunk = cache.getIfPresent(key);
		if (chunk == null) {
			chunk = read.read(doc);
			cache.put(key, chunk);
		}
		return chunk;
	}
}
