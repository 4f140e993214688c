package io.knowledgecloud.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.springframework.util.FileSystemUtils;

/**
 * An S3 server in this JVM: S3Proxy on a free loopback port, checking AWS V2/V4 signatures, backed
 * by jclouds' filesystem store in a temporary directory that {@link #close()} deletes.
 */
public final class LocalS3 implements AutoCloseable {

	private final Path directory;
	private final BlobStoreContext jclouds;
	private final S3Proxy proxy;
	private final URI endpoint;

	private LocalS3(Path directory, BlobStoreContext jclouds, S3Proxy proxy, URI endpoint) {
		this.directory = directory;
		this.jclouds = jclouds;
		this.proxy = proxy;
		this.endpoint = endpoint;
	}

	/** Starts a server that accepts these credentials; waits until it listens. */
	public static LocalS3 start(String accessKey, String secretKey) throws Exception {
		Path directory = Files.createTempDirectory("kc-s3proxy-");
		Properties properties = new Properties();
		properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, directory.toString());
		BlobStoreContext jclouds = ContextBuilder.newBuilder("filesystem").overrides(properties)
			.build(BlobStoreContext.class);
		S3Proxy proxy = S3Proxy.builder().blobStore(jclouds.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
		proxy.start();
		for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
			Thread.sleep(25);
		}
		if (!"STARTED".equals(proxy.getState())) {
			throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
		}
		return new LocalS3(directory, jclouds, proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
	}

	public URI endpoint() {
		return endpoint;
	}

	@Override
	public void close() throws Exception {
		try {
			proxy.stop();
		}
		finally {
			jclouds.close();
			deleteDirectory();
		}
	}

	private void deleteDirectory() throws IOException {
		FileSystemUtils.deleteRecursively(directory);
	}
}
