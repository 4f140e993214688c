package io.knowledgecloud.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

import io.knowledgecloud.ingest.internal.EmbeddingInputs;

/**
 * The chunks the server made of the corpus, read from its Lucene index on disk (the last commit;
 * a reader in another process needs no lock), and the text the model read for each: the chunk with
 * its title and heading header in front, as ingestion builds it. The bare baseline embeds exactly
 * these texts.
 */
final class OurChunks {

	private record Stored(String document, int ordinal, String input) {
	}

	private OurChunks() {
	}

	/** The embedding inputs of the workspace's chunks, by document and then chunk order. */
	static List<String> embeddingInputs(Path indexRoot, String workspaceId) throws IOException {
		List<Path> generations;
		try (Stream<Path> dirs = Files.list(indexRoot)) {
			generations = dirs.filter(Files::isDirectory).toList();
		}
		if (generations.size() != 1) {
			throw new IllegalStateException("expected one index generation under " + indexRoot + ", found " + generations);
		}
		List<Stored> chunks = new ArrayList<>();
		try (var dir = FSDirectory.open(generations.getFirst()); var reader = DirectoryReader.open(dir)) {
			for (LeafReaderContext leaf : reader.leaves()) {
				Bits live = leaf.reader().getLiveDocs();
				StoredFields fields = leaf.reader().storedFields();
				for (int i = 0; i < leaf.reader().maxDoc(); i++) {
					if (live != null && !live.get(i)) {
						continue;
					}
					Document d = fields.document(i);
					if (!workspaceId.equals(d.get("workspace_id"))) {
						continue;
					}
					String path = d.get("heading_path");
					List<String> headings = path == null || path.isEmpty() ? List.of() : Arrays.asList(path.split("\u001f"));
					chunks.add(new Stored(d.get("document_id"), d.getField("ordinal").numericValue().intValue(),
							EmbeddingInputs.of(d.get("title"), d.get("text"), headings)));
				}
			}
		}
		chunks.sort(Comparator.comparing(Stored::document).thenComparingInt(Stored::ordinal));
		return chunks.stream().map(Stored::input).toList();
	}
}
