package io.knowledgecloud.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import io.knowledgecloud.search.spi.IndexedChunk;
import io.knowledgecloud.search.spi.SearchIndex;

/**
 * The embedded index: one Lucene index per generation under the data directory. All chunks of a
 * document share a {@code doc_key} term, so {@link IndexWriter#updateDocuments} replaces them as
 * one atomic block: a retried write never duplicates chunks, and a crash leaves either the old or
 * the new block after the last commit. Every query must filter on {@code workspace_id} and
 * {@code acl} (the read side enforces it).
 */
public class LuceneSearchIndex implements SearchIndex, AutoCloseable {

	static final String CHUNK_ID = "chunk_id";
	static final String DOC_KEY = "doc_key";
	static final String WORKSPACE = "workspace_id";
	static final String DOCUMENT = "document_id";
	static final String TITLE = "title";
	static final String HEADINGS = "headings";
	static final String TEXT = "text";
	static final String VECTOR = "vector";
	static final String ACL = "acl";
	static final String TAG = "tag";
	static final String COLLECTION = "collection";
	static final String MEDIA_TYPE = "media_type";
	static final String YEAR = "year";
	/** ACL value meaning "every member of the workspace". */
	static final String EVERYONE = "*";

	private final Path root;
	private final Analyzer analyzer = new EnglishAnalyzer();
	private final Map<String, Generation> generations = new ConcurrentHashMap<>();

	/** One generation's writer and near-real-time searcher manager. */
	record Generation(IndexWriter writer, SearcherManager searchers) {
	}

	public LuceneSearchIndex(Path root) {
		this.root = root;
	}

	@Override
	public String id() {
		return "lucene";
	}

	@Override
	public void replaceDocument(String generation, UUID workspaceId, UUID documentId, List<IndexedChunk> chunks) {
		List<Document> docs = new ArrayList<>(chunks.size());
		for (IndexedChunk chunk : chunks) {
			docs.add(toLucene(chunk));
		}
		try {
			open(generation).writer().updateDocuments(new Term(DOC_KEY, key(workspaceId, documentId)), docs);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void deleteDocument(String generation, UUID workspaceId, UUID documentId) {
		try {
			open(generation).writer().deleteDocuments(new Term(DOC_KEY, key(workspaceId, documentId)));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public long countChunks(String generation, UUID workspaceId, UUID documentId) {
		try {
			Generation g = open(generation);
			g.searchers().maybeRefreshBlocking();
			IndexSearcher searcher = g.searchers().acquire();
			try {
				return searcher.count(new TermQuery(new Term(DOC_KEY, key(workspaceId, documentId))));
			}
			finally {
				g.searchers().release(searcher);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void commit() {
		for (Generation g : generations.values()) {
			try {
				g.writer().commit();
				g.searchers().maybeRefresh();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	@Override
	public List<String> generations() {
		try (var dirs = Files.list(root)) {
			return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
		}
		catch (java.nio.file.NoSuchFileException e) {
			return List.of();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The searcher manager of a generation, for the read side. */
	public SearcherManager searchers(String generation) {
		return open(generation).searchers();
	}

	Generation open(String generation) {
		if (!generation.matches("[a-z0-9._-]{1,100}")) {
			throw new IllegalArgumentException("invalid generation name " + generation);
		}
		return generations.computeIfAbsent(generation, name -> {
			try {
				Path dir = Files.createDirectories(root.resolve(name));
				var config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
				IndexWriter writer = new IndexWriter(FSDirectory.open(dir), config);
				return new Generation(writer, new SearcherManager(writer, null));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	@Override
	public void close() throws IOException {
		for (Generation g : generations.values()) {
			g.searchers().close();
			g.writer().close();
		}
		generations.clear();
	}

	static String key(UUID workspaceId, UUID documentId) {
		return workspaceId + ":" + documentId;
	}

	private static Document toLucene(IndexedChunk c) {
		Document doc = new Document();
		doc.add(new StringField(CHUNK_ID, c.chunkId().toString(), Field.Store.YES));
		doc.add(new StringField(DOC_KEY, key(c.workspaceId(), c.documentId()), Field.Store.NO));
		doc.add(new StringField(WORKSPACE, c.workspaceId().toString(), Field.Store.YES));
		doc.add(new StringField(DOCUMENT, c.documentId().toString(), Field.Store.YES));
		doc.add(new StoredField("version", c.version()));
		doc.add(new StoredField("ordinal", c.ordinal()));
		doc.add(new TextField(TITLE, c.title(), Field.Store.YES));
		doc.add(new TextField(HEADINGS, String.join(" \u203a ", c.headingPath()), Field.Store.YES));
		doc.add(new TextField(TEXT, c.text(), Field.Store.YES));
		if (c.page() != null) {
			doc.add(new StoredField("page", c.page()));
		}
		doc.add(new StoredField("start_offset", c.startOffset()));
		doc.add(new StoredField("end_offset", c.endOffset()));
		doc.add(new StringField("content_hash", c.contentHash(), Field.Store.YES));
		doc.add(new StringField("model_id", c.modelId(), Field.Store.YES));
		doc.add(new KnnFloatVectorField(VECTOR, c.vector(), VectorSimilarityFunction.DOT_PRODUCT));
		if (c.allowedUsers().isEmpty()) {
			doc.add(new StringField(ACL, EVERYONE, Field.Store.YES));
		}
		for (UUID user : c.allowedUsers()) {
			doc.add(new StringField(ACL, user.toString(), Field.Store.YES));
		}
		for (String tag : c.tags()) {
			doc.add(new StringField(TAG, tag, Field.Store.YES));
			doc.add(new SortedSetDocValuesField(TAG, new BytesRef(tag)));
		}
		if (c.collection() != null) {
			doc.add(new StringField(COLLECTION, c.collection(), Field.Store.YES));
			doc.add(new SortedSetDocValuesField(COLLECTION, new BytesRef(c.collection())));
		}
		doc.add(new StringField(MEDIA_TYPE, c.mediaType(), Field.Store.YES));
		doc.add(new SortedSetDocValuesField(MEDIA_TYPE, new BytesRef(c.mediaType())));
		int year = c.createdAt().atZone(ZoneOffset.UTC).getYear();
		doc.add(new IntPoint(YEAR, year));
		doc.add(new NumericDocValuesField(YEAR, year));
		doc.add(new StoredField(YEAR, year));
		doc.add(new StoredField("created_at", c.createdAt().toEpochMilli()));
		return doc;
	}
}
