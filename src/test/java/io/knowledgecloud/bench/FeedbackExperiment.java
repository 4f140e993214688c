package io.knowledgecloud.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Pseudo-relevance feedback on the bare engine, scored on a BEIR folder's TRAIN split only: does
 * feeding the first hybrid pass's best documents back into the query (Rocchio on the query vector,
 * RM3-style expansion terms for BM25) rank better than the hybrid list alone? Prints nDCG@10 per
 * variant. Corpus vectors are cached in target/bench/feedback-vectors-&lt;folder&gt;.bin.
 */
public final class FeedbackExperiment {

	public static void main(String[] args) throws Exception {
		Path folder = Path.of(args.length > 0 ? args[0] : "../shared/bench/scifact").toAbsolutePath().normalize();
		BeirData beir = BeirData.load(folder);
		String split = args.length > 1 ? args[1] : "train";
		List<BeirData.Doc> corpus = beir.corpus();
		BareEngine bare = new BareEngine();
		Path cache = Path.of("target/bench/feedback-vectors-" + folder.getFileName() + ".bin");
		float[][] vectors;
		if (Files.exists(cache)) {
			vectors = BareVectors.read(cache, corpus.size()).vectors();
		}
		else {
			long t = System.nanoTime();
			vectors = bare.embedCorpus(corpus);
			BareVectors.write(cache, vectors, (System.nanoTime() - t) / 1e9);
		}
		bare.index(corpus, vectors);
		Map<String, Integer> position = new HashMap<>();
		for (int i = 0; i < corpus.size(); i++) {
			position.put(corpus.get(i).id(), i);
		}
		EnglishAnalyzer analyzer = new EnglishAnalyzer();
		Map<String, Map<String, Integer>> termsOf = new HashMap<>();
		Map<String, Integer> documentFrequency = new HashMap<>();
		for (BeirData.Doc d : corpus) {
			Map<String, Integer> tf = terms(analyzer, d.title() + " " + d.text());
			termsOf.put(d.id(), tf);
			tf.keySet().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
		}
		Map<String, Set<String>> qrels = beir.qrels(split);
		List<String> ids = new ArrayList<>(qrels.keySet());
		List<Set<String>> relevant = ids.stream().map(qrels::get).toList();
		double keywordWeight = 0.4;
		Map<String, float[]> queryVectors = new HashMap<>();
		Map<String, Map<String, Float>> keywordLists = new HashMap<>();
		Map<String, Map<String, Float>> vectorLists = new HashMap<>();
		Map<String, List<String>> firstPass = new HashMap<>();
		for (String id : ids) {
			float[] q = bare.embedQuery(beir.queries().get(id));
			queryVectors.put(id, q);
			keywordLists.put(id, bare.bm25(beir.queries().get(id), 100));
			vectorLists.put(id, bare.knn(q, 100, 300));
			firstPass.put(id, BareEngine.fuse(keywordLists.get(id), vectorLists.get(id), "weighted", 60, keywordWeight));
		}
		record Variant(String name, int docs, double beta, int terms, double termWeight) {
		}
		List<Variant> variants = new ArrayList<>();
		variants.add(new Variant("hybrid", 0, 0, 0, 0));
		for (int m : new int[] { 3, 5, 10 }) {
			for (double beta : new double[] { 0.25, 0.5, 1.0 }) {
				variants.add(new Variant("rocchio", m, beta, 0, 0));
			}
			for (int t : new int[] { 10, 20 }) {
				for (double w : new double[] { 0.1, 0.3, 0.5 }) {
					variants.add(new Variant("rm3", m, 0, t, w));
				}
			}
		}
		for (Variant v : variants) {
			List<List<String>> rankings = new ArrayList<>();
			for (String id : ids) {
				String query = beir.queries().get(id);
				float[] q = queryVectors.get(id);
				Map<String, Float> keyword = keywordLists.get(id);
				Map<String, Float> vector = vectorLists.get(id);
				List<String> first = firstPass.get(id);
				if (v.name().equals("rocchio")) {
					float[] expanded = q.clone();
					for (String doc : first.subList(0, Math.min(v.docs(), first.size()))) {
						float[] d = vectors[position.get(doc)];
						for (int i = 0; i < expanded.length; i++) {
							expanded[i] += (float) (v.beta() / v.docs()) * d[i];
						}
					}
					normalize(expanded);
					vector = bare.knn(expanded, 100, 300);
				}
				else if (v.name().equals("rm3")) {
					Map<String, Double> weights = new HashMap<>();
					for (String doc : first.subList(0, Math.min(v.docs(), first.size()))) {
						Map<String, Integer> tf = termsOf.get(doc);
						int length = tf.values().stream().mapToInt(Integer::intValue).sum();
						tf.forEach((term, n) -> weights.merge(term, (double) n / length
								* Math.log((double) corpus.size() / documentFrequency.get(term)), Double::sum));
					}
					Set<String> own = terms(analyzer, query).keySet();
					List<Map.Entry<String, Double>> best = weights.entrySet()
						.stream()
						.filter(e -> !own.contains(e.getKey()))
						.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
						.limit(v.terms())
						.toList();
					keyword = bare.bm25Expanded(query, best, v.termWeight(), 100);
				}
				rankings.add(v.name().equals("hybrid") ? first
						: BareEngine.fuse(keyword, vector, "weighted", 60, keywordWeight));
			}
			Metrics.Quality quality = Metrics.quality(rankings, relevant);
			System.out.printf(Locale.ROOT, "%-8s docs=%2d beta=%.2f terms=%2d w=%.1f  nDCG@10 %.4f  R@100 %.4f%n",
					v.name(), v.docs(), v.beta(), v.terms(), v.termWeight(), quality.ndcg10(), quality.recall100());
		}
	}

	private static Map<String, Integer> terms(EnglishAnalyzer analyzer, String text) throws IOException {
		Map<String, Integer> tf = new LinkedHashMap<>();
		try (TokenStream ts = analyzer.tokenStream("body", text)) {
			CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
			ts.reset();
			while (ts.incrementToken()) {
				tf.merge(term.toString(), 1, Integer::sum);
			}
			ts.end();
		}
		return tf;
	}

	private static void normalize(float[] v) {
		double norm = 0;
		for (float x : v) {
			norm += x * x;
		}
		norm = Math.sqrt(norm);
		for (int i = 0; i < v.length; i++) {
			v[i] /= (float) norm;
		}
	}
}
