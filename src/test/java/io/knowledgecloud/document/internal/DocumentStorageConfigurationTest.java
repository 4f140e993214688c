package io.knowledgecloud.document.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.knowledgecloud.document.spi.BlobStore;
import io.knowledgecloud.platform.PlatformSettings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** {@code kc.storage.*} picks exactly one adapter, and bad combinations stop the start-up. */
class DocumentStorageConfigurationTest {

	@TempDir
	Path dataDir;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
						ValidationAutoConfiguration.class))
				.withUserConfiguration(Settings.class, DocumentStorageConfiguration.class)
				.withPropertyValues("kc.data-dir=" + dataDir);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ PlatformSettings.class, DocumentStorageSettings.class })
	static class Settings {
	}

	@Test
	void theDefaultIsTheFilesystemUnderTheDataDirectory() {
		runner().run(context -> {
			assertThat(context).hasSingleBean(BlobStore.class);
			BlobStore store = context.getBean(BlobStore.class);
			assertThat(store.id()).isEqualTo("filesystem");
			assertThat(((FileSystemBlobStore) store).root()).isEqualTo(dataDir.resolve("blobs").toAbsolutePath());
			assertThat(dataDir.resolve("blobs")).isDirectory();
		});
	}

	@Test
	void theFilesystemRootCanBeMoved() {
		Path elsewhere = dataDir.resolve("elsewhere");
		runner().withPropertyValues("kc.storage.filesystem.root=" + elsewhere).run(context -> {
			assertThat(((FileSystemBlobStore) context.getBean(BlobStore.class)).root())
					.isEqualTo(elsewhere.toAbsolutePath());
		});
	}

	@Test
	void s3IsChosenByType() {
		runner().withPropertyValues("kc.storage.type=s3", "kc.storage.s3.bucket=docs",
				"kc.storage.s3.endpoint=http://127.0.0.1:9", "kc.storage.s3.path-style=true",
				"kc.storage.s3.access-key=a", "kc.storage.s3.secret-key=b").run(context -> {
					assertThat(context).hasSingleBean(BlobStore.class);
					assertThat(context.getBean(BlobStore.class).id()).isEqualTo("s3");
				});
	}

	@Test
	void s3WithoutABucketStopsTheStartUp() {
		runner().withPropertyValues("kc.storage.type=s3").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("kc.storage.type=s3 needs kc.storage.s3.bucket");
		});
	}

	@Test
	void anAccessKeyWithoutItsSecretStopsTheStartUp() {
		runner().withPropertyValues("kc.storage.type=s3", "kc.storage.s3.bucket=docs", "kc.storage.s3.access-key=a")
				.run(context -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
							"set both kc.storage.s3.access-key and kc.storage.s3.secret-key, or neither");
				});
	}

	@Test
	void aMultipartThresholdBelowFiveMegabytesStopsTheStartUp() {
		runner().withPropertyValues("kc.storage.s3.multipart-threshold=1MB").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("kc.storage.s3.multipart-threshold must be at least 5MB");
		});
	}

	@Test
	void anUnknownTypeStopsTheStartUp() {
		runner().withPropertyValues("kc.storage.type=ftp").run(context -> assertThat(context).hasFailed());
	}
}
