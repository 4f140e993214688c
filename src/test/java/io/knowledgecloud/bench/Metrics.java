package io.knowledgecloud.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Ranking quality (binary relevance, as BEIR) and latency percentiles. */
final class Metrics {

	private Metrics() {
	}

	record Quality(double ndcg10, double recall100, double mrr10) {

		String row() {
			return String.format("%.3f | %.3f | %.3f", ndcg10, recall100, mrr10);
		}
	}

	static Quality quality(List<List<String>> rankings, List<Set<String>> relevant) {
		double ndcg = 0;
		double recall = 0;
		double mrr = 0;
		for (int q = 0; q < rankings.size(); q++) {
			List<String> r = rankings.get(q);
			Set<String> rel = relevant.get(q);
			double dcg = 0;
			double ideal = 0;
			for (int i = 0; i < Math.min(10, r.size()); i++) {
				if (rel.contains(r.get(i))) {
					dcg += 1 / (Math.log(i + 2) / Math.log(2));
				}
			}
			for (int i = 0; i < Math.min(10, rel.size()); i++) {
				ideal += 1 / (Math.log(i + 2) / Math.log(2));
			}
			ndcg += ideal == 0 ? 0 : dcg / ideal;
			recall += (double) r.stream().limit(100).filter(rel::contains).count() / Math.max(1, rel.size());
			for (int i = 0; i < Math.min(10, r.size()); i++) {
				if (rel.contains(r.get(i))) {
					mrr += 1.0 / (i + 1);
					break;
				}
			}
		}
		int n = Math.max(1, rankings.size());
		return new Quality(ndcg / n, recall / n, mrr / n);
	}

	/** Latencies in nanoseconds → {p50, p99} in milliseconds. */
	static double[] percentiles(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return new double[] { at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6 };
	}

	private static double at(long[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}
}
