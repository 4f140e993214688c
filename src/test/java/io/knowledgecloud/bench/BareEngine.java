package io.knowledgecloud.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/**
 * The engine underneath with no KnowledgeCloud code on the path: the in-jar bge-small model used
 * directly, and one in-memory Lucene index with {@code title + " " + text} in one English-analysed
 * field plus HNSW float32 vectors. Fusion here is a few lines written for the baseline.
 */
final class BareEngine {

	static final String QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

	private final BgeSmallEnV15QuantizedEmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
	private final EnglishAnalyzer analyzer = new EnglishAnalyzer();
	private IndexSearcher searcher;

	float[][] embedCorpus(List<BeirData.Doc> corpus) {
		float[][] vectors = new float[corpus.size()][];
		for (int from = 0; from < corpus.size(); from += 64) {
			List<TextSegment> batch = new ArrayList<>();
			for (int i = from; i < Math.min(corpus.size(), from + 64); i++) {
				BeirData.Doc d = corpus.get(i);
				batch.add(TextSegment.from(d.title() + " " + d.text()));
			}
			var embedded = model.embedAll(batch).content();
			for (int i = 0; i < embedded.size(); i++) {
				vectors[from + i] = embedded.get(i).vector();
			}
		}
		return vectors;
	}

	/** Embeds {@code texts} like {@link #embedCorpus} (64 at a time); answers the seconds it took. */
	double embedTexts(List<String> texts) {
		long t = System.nanoTime();
		for (int from = 0; from < texts.size(); from += 64) {
			List<TextSegment> batch = new ArrayList<>();
			for (String text : texts.subList(from, Math.min(texts.size(), from + 64))) {
				batch.add(TextSegment.from(text));
			}
			model.embedAll(batch);
		}
		return (System.nanoTime() - t) / 1e9;
	}

	/**
	 * The same texts through the ONNX Runtime session KnowledgeCloud itself uses
	 * ({@code OnnxBgeSmallEmbeddingModel}: single-threaded calls, one per core), 64 at a time, with
	 * nothing else on the path: the limit of our own embedding, as opposed to the library's.
	 */
	static double embedCorpusAsKnowledgeCloudRunsTheModel(List<BeirData.Doc> corpus) {
		var runner = new io.knowledgecloud.embedding.internal.OnnxBgeSmallEmbeddingModel(0);
		try {
			runner.embedDocuments(List.of("warm-up"));
			long t = System.nanoTime();
			for (int from = 0; from < corpus.size(); from += 64) {
				List<String> batch = new ArrayList<>();
				for (int i = from; i < Math.min(corpus.size(), from + 64); i++) {
					batch.add(corpus.get(i).title() + " " + corpus.get(i).text());
				}
				runner.embedDocuments(batch);
			}
			return (System.nanoTime() - t) / 1e9;
		}
		finally {
			runner.close();
		}
	}

	void index(List<BeirData.Doc> corpus, float[][] vectors) throws IOException {
		var dir = new ByteBuffersDirectory();
		try (var writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
			for (int i = 0; i < corpus.size(); i++) {
				BeirData.Doc d = corpus.get(i);
				Document doc = new Document();
				doc.add(new StoredField("id", d.id()));
				doc.add(new TextField("body", d.title() + " " + d.text(), Field.Store.NO));
				doc.add(new KnnFloatVectorField("vector", vectors[i], VectorSimilarityFunction.DOT_PRODUCT));
				writer.addDocument(doc);
			}
			writer.forceMerge(1);
		}
		searcher = new IndexSearcher(DirectoryReader.open(dir));
	}

	float[] embedQuery(String query) {
		return model.embed(QUERY_PREFIX + query).content().vector();
	}

	Map<String, Float> bm25(String query, int k) throws IOException {
		Query q = new QueryBuilder(analyzer).createBooleanQuery("body", query);
		return q == null ? Map.of() : ids(searcher.search(q, k));
	}

	/** BM25 of the query plus already analysed expansion terms, each boosted by its weight × {@code weight}. */
	Map<String, Float> bm25Expanded(String query, List<Map.Entry<String, Double>> terms, double weight, int k)
			throws IOException {
		Query q = new QueryBuilder(analyzer).createBooleanQuery("body", query);
		var bool = new org.apache.lucene.search.BooleanQuery.Builder();
		if (q != null) {
			bool.add(q, org.apache.lucene.search.BooleanClause.Occur.SHOULD);
		}
		double max = terms.stream().mapToDouble(Map.Entry::getValue).max().orElse(1);
		for (var t : terms) {
			bool.add(new org.apache.lucene.search.BoostQuery(new org.apache.lucene.search.TermQuery(
					new org.apache.lucene.index.Term("body", t.getKey())), (float) (weight * t.getValue() / max)),
					org.apache.lucene.search.BooleanClause.Occur.SHOULD);
		}
		return ids(searcher.search(bool.build(), k));
	}

	Map<String, Float> knn(float[] vector, int k, int searchK) throws IOException {
		Map<String, Float> all = ids(searcher.search(new KnnFloatVectorQuery("vector", vector, Math.max(k, searchK)),
				Math.max(k, searchK)));
		Map<String, Float> top = new LinkedHashMap<>();
		for (var e : all.entrySet()) {
			if (top.size() == k) {
				break;
			}
			top.put(e.getKey(), e.getValue());
		}
		return top;
	}

	/** RRF or min-max weighted fusion of two best-first lists. */
	static List<String> fuse(Map<String, Float> keyword, Map<String, Float> vector, String fusion, int rrfK,
			double keywordWeight) {
		Map<String, Double> scores = new HashMap<>();
		add(scores, keyword, fusion, rrfK, 2 * keywordWeight, keywordWeight);
		add(scores, vector, fusion, rrfK, 2 * (1 - keywordWeight), 1 - keywordWeight);
		return scores.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.map(Map.Entry::getKey)
			.toList();
	}

	private static void add(Map<String, Double> scores, Map<String, Float> list, String fusion, int rrfK,
			double rrfWeight, double weight) {
		double max = list.values().stream().mapToDouble(Float::doubleValue).max().orElse(0);
		double min = list.values().stream().mapToDouble(Float::doubleValue).min().orElse(0);
		int rank = 0;
		for (var e : list.entrySet()) {
			rank++;
			double part = fusion.equals("rrf") ? rrfWeight / (rrfK + rank)
					: weight * (max == min ? 1 : (e.getValue() - min) / (max - min));
			scores.merge(e.getKey(), part, Double::sum);
		}
	}

	private Map<String, Float> ids(TopDocs top) throws IOException {
		Map<String, Float> out = new LinkedHashMap<>();
		StoredFields stored = searcher.storedFields(); // not thread-safe: one per call
		for (ScoreDoc sd : top.scoreDocs) {
			out.put(stored.document(sd.doc).get("id"), sd.score);
		}
		return out;
	}
}
