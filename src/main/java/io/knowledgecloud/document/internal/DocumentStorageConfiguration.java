package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.nio.file.Path;

import io.knowledgecloud.document.spi.BlobStore;
import io.knowledgecloud.platform.PlatformSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link BlobStore} port, and {@code kc.storage.type} picks the adapter behind it. */
@Configuration(proxyBeanMethods = false)
class DocumentStorageConfiguration {

	@Bean
	BlobStore blobStore(DocumentStorageSettings settings, PlatformSettings platform) throws IOException {
		return switch (settings.type()) {
			case FILESYSTEM -> {
				Path root = settings.filesystem().root();
				yield new FileSystemBlobStore(root != null ? root : platform.dataDir().resolve("blobs"));
			}
			case S3 -> {
				S3BlobStore store = new S3BlobStore(settings.s3());
				if (settings.s3().createBucket()) {
					try {
						store.createBucketIfMissing();
					}
					catch (IOException | RuntimeException e) {
						store.close();
						throw e;
					}
				}
				yield store;
			}
		};
	}
}
