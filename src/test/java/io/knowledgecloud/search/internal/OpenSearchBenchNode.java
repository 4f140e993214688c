package io.knowledgecloud.search.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts one OpenSearch node with the k-NN plugin for {@code bench/run-retrieval.sh} (the same
 * runner the tests use), writes its URL to the file named by the first argument, and runs until
 * the process is stopped.
 */
public final class OpenSearchBenchNode {

	private OpenSearchBenchNode() {
	}

	public static void main(String[] args) throws Exception {
		OpenSearchTestCluster cluster = OpenSearchTestCluster.start(1);
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
		Files.writeString(Path.of(args[0]), cluster.urls().getFirst().toString(), StandardCharsets.UTF_8);
		Thread.currentThread().join();
	}
}
