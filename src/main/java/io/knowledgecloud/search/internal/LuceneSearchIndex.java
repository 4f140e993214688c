package io.knowledgecloud.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;
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
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import io.knowledgecloud.search.spi.ChunkMatch;
import io.knowledgecloud.search.spi.IndexFilter;
import io.knowledgecloud.search.spi.IndexedChunk;
import io.knowledgecloud.search.spi.KeywordQuery;
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
	static final String CREATED = "created";
	/** Stored only; absent in chunks indexed before it was kept (read as 0, unknown). */
	static final String TOKEN_COUNT = "token_count";
	/** Stored fields a match needs: everything but the vector copy. */
	private static final Set<String> MATCH_FIELDS = Set.of(CHUNK_ID, WORKSPACE, DOCUMENT, "version", "ordinal", TITLE,
			"heading_path", "page", "start_offset", "end_offset", TEXT, TOKEN_COUNT, "content_hash", "model_id", TAG, COLLECTION,
			"media_type_stored", "created_at", ACL);
	/** ACL value meaning "every member of the workspace". */
	static final String EVERYONE = "*";

	private final Path root;
	private final Analyzer analyzer = new EnglishAnalyzer();
	private final Map<String, Generation> generations = new ConcurrentHashMap<>();

	/** One generation's writer and near-real-time searcher manager. */
	record Generation(IndexWriter writer, SearcherManager searchers) {
	}

	private final boolean quantized;
	private final StoredMatches stored;

	public LuceneSearchIndex(Path root) {
		this(root, false, DataSize.ofMegabytes(32));
	}

	/**
	 * @param quantized store HNSW vectors with int8 scalar quantisation (less memory; on our
	 *     benchmark slower and slightly less accurate, see docs/benchmarks.md)
	 * @param matchCache memory for matches read from stored fields (their text counted at two bytes
	 *     a character); zero reads them every time
	 */
	public LuceneSearchIndex(Path root, boolean quantized, DataSize matchCache) {
		this.root = root;
		this.quantized = quantized;
		this.stored = new StoredMatches(matchCache);
	}

	@Override
	public String id() {
		return "lucene";
	}

	@Override
	public void replaceDocument(String generation, UUID workspaceId, UUID documentId, List<IndexedChunk> chunks) {
		if (chunks.isEmpty()) {
			// updateDocuments with no documents trips Lucene's flush accounting (an assertion on close)
			deleteDocument(generation, workspaceId, documentId);
			return;
		}
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
	public List<IndexedChunk> chunks(String generation, UUID workspaceId, UUID documentId) {
		try {
			Generation g = open(generation);
			g.searchers().maybeRefreshBlocking();
			IndexSearcher searcher = g.searchers().acquire();
			try {
				var query = new TermQuery(new Term(DOC_KEY, key(workspaceId, documentId)));
				var hits = searcher.search(query, Math.max(1, searcher.count(query)));
				List<IndexedChunk> chunks = new ArrayList<>();
				var stored = searcher.storedFields();
				for (var hit : hits.scoreDocs) {
					chunks.add(fromLucene(stored.document(hit.doc)));
				}
				chunks.sort(java.util.Comparator.comparingInt(IndexedChunk::ordinal));
				return chunks;
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
	public List<ChunkMatch> keyword(String generation, KeywordQuery query, IndexFilter filter, int k) {
		Query text = query.advanced() ? advanced(query) : plain(query);
		if (text == null) {
			return List.of();
		}
		var bool = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
		addFilter(bool, filter);
		return search(generation, bool.build(), k);
	}

	@Override
	public List<ChunkMatch> nearest(String generation, float[] vector, IndexFilter filter, int k, int candidates) {
		return search(generation, nearestQuery(vector, filter, k, candidates), k);
	}

	/**
	 * Both searches on one searcher, so a chunk that both find is loaded once: the keyword list
	 * (and its chunks) while the query vector is still being computed, then the vector list,
	 * loading only what the keyword search did not already load.
	 */
	@Override
	public HybridMatches hybrid(String generation, KeywordQuery query, java.util.function.Supplier<float[]> vector,
			IndexFilter filter, int k, int candidates) {
		Query text = query.advanced() ? advanced(query) : plain(query);
		try {
			Generation g = open(generation);
			IndexSearcher searcher = g.searchers().acquire();
			try {
				Map<Integer, IndexedChunk> loaded = new java.util.HashMap<>();
				List<ChunkMatch> keyword = List.of();
				if (text != null) {
					var bool = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
					addFilter(bool, filter);
					keyword = matches(searcher, bool.build(), k, loaded);
				}
				List<ChunkMatch> nearest = matches(searcher, nearestQuery(vector.get(), filter, k, candidates), k,
						loaded);
				return new HybridMatches(keyword, nearest);
			}
			finally {
				g.searchers().release(searcher);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Query nearestQuery(float[] vector, IndexFilter filter, int k, int candidates) {
		var bool = new BooleanQuery.Builder();
		addFilter(bool, filter);
		return new KnnFloatVectorQuery(VECTOR, vector, Math.max(k, candidates), bool.build());
	}

	private List<ChunkMatch> search(String generation, Query query, int k) {
		try {
			Generation g = open(generation);
			IndexSearcher searcher = g.searchers().acquire();
			try {
				return matches(searcher, query, k, new java.util.HashMap<>());
			}
			finally {
				g.searchers().release(searcher);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The top {@code k}, their chunks taken from {@code loaded} (same searcher) or loaded into it. */
	private List<ChunkMatch> matches(IndexSearcher searcher, Query query, int k, Map<Integer, IndexedChunk> loaded)
			throws IOException {
		TopDocs top = searcher.search(query, Math.max(1, k));
		// load in doc-id order: neighbouring documents share a compressed block, which the
		// reader then decompresses once instead of once per hit
		ScoreDoc[] byDoc = top.scoreDocs.clone();
		java.util.Arrays.sort(byDoc, java.util.Comparator.comparingInt(d -> d.doc));
		StoredFields[] fields = new StoredFields[1]; // opened only when something is not kept
		for (ScoreDoc hit : byDoc) {
			if (!loaded.containsKey(hit.doc)) {
				loaded.put(hit.doc, stored.get(searcher.getIndexReader(), hit.doc, doc -> {
					fields[0] = fields[0] != null ? fields[0] : searcher.storedFields();
					return fromLucene(fields[0].document(doc, MATCH_FIELDS), false);
				}));
			}
		}
		List<ChunkMatch> matches = new ArrayList<>(top.scoreDocs.length);
		for (ScoreDoc hit : top.scoreDocs) {
			matches.add(new ChunkMatch(loaded.get(hit.doc), hit.score));
		}
		return matches;
	}

	private @Nullable Query plain(KeywordQuery query) {
		var builder = new QueryBuilder(analyzer);
		var fields = new BooleanQuery.Builder();
		int clauses = 0;
		for (var field : List.of(Map.entry(TEXT, 1f), Map.entry(TITLE, query.titleBoost()),
				Map.entry(HEADINGS, query.headingBoost()))) {
			if (field.getValue() <= 0) {
				continue;
			}
			Query q = builder.createBooleanQuery(field.getKey(), query.text());
			if (q != null) {
				fields.add(new BoostQuery(q, field.getValue()), BooleanClause.Occur.SHOULD);
				clauses++;
			}
		}
		return clauses == 0 ? null : fields.build();
	}

	private Query advanced(KeywordQuery query) {
		var parser = new SimpleQueryParser(analyzer,
				Map.of(TEXT, 1f, TITLE, Math.max(query.titleBoost(), 0.0001f), HEADINGS,
						Math.max(query.headingBoost(), 0.0001f)));
		parser.setDefaultOperator(BooleanClause.Occur.MUST);
		return parser.parse(query.text());
	}

	private static void addFilter(BooleanQuery.Builder bool, IndexFilter filter) {
		bool.add(new TermQuery(new Term(WORKSPACE, filter.workspaceId().toString())), BooleanClause.Occur.FILTER);
		if (filter.principal() != null) {
			bool.add(anyOf(ACL, List.of(EVERYONE, filter.principal().toString())), BooleanClause.Occur.FILTER);
		}
		if (!filter.tags().isEmpty()) {
			bool.add(anyOf(TAG, filter.tags()), BooleanClause.Occur.FILTER);
		}
		if (!filter.collections().isEmpty()) {
			bool.add(anyOf(COLLECTION, filter.collections()), BooleanClause.Occur.FILTER);
		}
		if (!filter.mediaTypes().isEmpty()) {
			bool.add(anyOf(MEDIA_TYPE, filter.mediaTypes()), BooleanClause.Occur.FILTER);
		}
		if (filter.from() != null || filter.to() != null) {
			long from = filter.from() == null ? Long.MIN_VALUE : filter.from().toEpochMilli();
			long to = filter.to() == null ? Long.MAX_VALUE : filter.to().toEpochMilli() - 1;
			bool.add(LongPoint.newRangeQuery(CREATED, from, to), BooleanClause.Occur.FILTER);
		}
		if (!filter.documents().isEmpty()) {
			bool.add(anyOf(DOCUMENT, filter.documents().stream().map(UUID::toString).toList()),
					BooleanClause.Occur.FILTER);
		}
		for (UUID excluded : filter.excludedDocuments()) {
			bool.add(new TermQuery(new Term(DOCUMENT, excluded.toString())), BooleanClause.Occur.MUST_NOT);
		}
	}

	private static Query anyOf(String field, java.util.Collection<String> values) {
		return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
	}

	@Override
	public void commit() {
		for (Generation g : generations.values()) {
			try {
				g.writer().commit();
				// blocking: a caller reports its documents indexed after this, so they must be searchable
				g.searchers().maybeRefreshBlocking();
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

	@Override
	public void dropGeneration(String generation) {
		if (!generation.matches("[a-z0-9._-]{1,100}")) {
			throw new IllegalArgumentException("invalid generation name " + generation);
		}
		try {
			Generation open = generations.remove(generation);
			if (open != null) {
				open.searchers().close();
				open.writer().close();
			}
			org.springframework.util.FileSystemUtils.deleteRecursively(root.resolve(generation));
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
				if (quantized) {
					config.setCodec(new Lucene103Codec() {
						@Override
						public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
							return new Lucene99HnswScalarQuantizedVectorsFormat();
						}
					});
				}
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

	private static IndexedChunk fromLucene(Document d) {
		return fromLucene(d, true);
	}

	private static IndexedChunk fromLucene(Document d, boolean withVector) {
		String headings = d.get("heading_path");
		var page = d.getField("page");
		java.util.Set<UUID> acl = new java.util.HashSet<>();
		for (String value : d.getValues(ACL)) {
			if (!value.equals(EVERYONE)) {
				acl.add(UUID.fromString(value));
			}
		}
		return new IndexedChunk(UUID.fromString(d.get(CHUNK_ID)), UUID.fromString(d.get(WORKSPACE)),
				UUID.fromString(d.get(DOCUMENT)), d.getField("version").numericValue().intValue(),
				d.getField("ordinal").numericValue().intValue(), d.get(TITLE),
				headings == null || headings.isEmpty() ? List.of() : List.of(headings.split("\u001f")),
				page == null ? null : page.numericValue().intValue(), d.getField("start_offset").numericValue().intValue(),
				d.getField("end_offset").numericValue().intValue(), d.get(TEXT),
				d.getField(TOKEN_COUNT) == null ? 0 : d.getField(TOKEN_COUNT).numericValue().intValue(), d.get("content_hash"),
				withVector && d.getBinaryValue("vector_bytes") != null ? decode(d.getBinaryValue("vector_bytes")) : new float[0], d.get("model_id"), List.of(d.getValues(TAG)), d.get(COLLECTION),
				d.get("media_type_stored"),
				java.time.Instant.ofEpochMilli(d.getField("created_at").numericValue().longValue()), Set.copyOf(acl));
	}

	private static byte[] encode(float[] vector) {
		var buffer = java.nio.ByteBuffer.allocate(vector.length * 4);
		for (float v : vector) {
			buffer.putFloat(v);
		}
		return buffer.array();
	}

	private static float[] decode(BytesRef bytes) {
		var buffer = java.nio.ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length);
		float[] vector = new float[bytes.length / 4];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = buffer.getFloat();
		}
		return vector;
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
		doc.add(new StoredField(TOKEN_COUNT, c.tokenCount()));
		doc.add(new StringField("content_hash", c.contentHash(), Field.Store.YES));
		doc.add(new StringField("model_id", c.modelId(), Field.Store.YES));
		if (c.vector().length > 0) {
			// a chunk without a vector (written during a model switch, ADR 41) is found by keyword only
			doc.add(new KnnFloatVectorField(VECTOR, c.vector(), VectorSimilarityFunction.DOT_PRODUCT));
		}
		// kept as a stored copy too, so metadata updates can rewrite chunks without re-embedding
		doc.add(new StoredField("vector_bytes", encode(c.vector())));
		doc.add(new StoredField("heading_path", String.join("\u001f", c.headingPath())));
		doc.add(new StoredField("media_type_stored", c.mediaType()));
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
		doc.add(new LongPoint(CREATED, c.createdAt().toEpochMilli()));
		return doc;
	}
}
