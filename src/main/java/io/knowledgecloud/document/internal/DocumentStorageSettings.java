package io.knowledgecloud.document.internal;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where document bytes are stored ({@code kc.storage.*}), documented in docs/configuration.md.
 *
 * @param type which {@link io.knowledgecloud.document.spi.BlobStore} adapter to use
 * @param filesystem settings of the {@code filesystem} adapter
 * @param s3 settings of the {@code s3} adapter
 */
@Validated
@ConfigurationProperties("kc.storage")
public record DocumentStorageSettings(@DefaultValue("filesystem") @NotNull Type type,
		@DefaultValue Filesystem filesystem, @DefaultValue @Valid S3 s3) {

	public enum Type {
		FILESYSTEM, S3
	}

	/** Checked here rather than in {@link S3} so that an unused S3 section may stay empty. */
	@AssertTrue(message = "kc.storage.type=s3 needs kc.storage.s3.bucket")
	public boolean isBucketSetForS3() {
		return type != Type.S3 || (s3.bucket() != null && !s3.bucket().isBlank());
	}

	/** @param root directory of the blobs; empty means {@code <kc.data-dir>/blobs} */
	public record Filesystem(@Nullable Path root) {
	}

	/**
	 * @param endpoint S3-compatible endpoint (MinIO, Ceph, S3Proxy, …); empty means AWS for {@code region}
	 * @param region signing region
	 * @param bucket the bucket; required when {@code type} is {@code s3}
	 * @param accessKey static credentials; when both keys are empty the AWS default chain is used
	 *                  (environment, profile, container or instance role)
	 * @param secretKey see {@code accessKey}
	 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; most
	 *                  self-hosted S3 servers need it
	 * @param createBucket create the bucket at start-up when it does not exist
	 * @param multipartThreshold files larger than this are uploaded in parts of this size (at least 5 MB)
	 */
	public record S3(@Nullable URI endpoint, @DefaultValue("us-east-1") @NotBlank String region,
			@Nullable String bucket, @Nullable String accessKey, @Nullable String secretKey,
			@DefaultValue("false") boolean pathStyle, @DefaultValue("false") boolean createBucket,
			@DefaultValue("16MB") @NotNull DataSize multipartThreshold) {

		/** S3's smallest part (except the last). */
		static final DataSize MIN_PART = DataSize.ofMegabytes(5);

		@AssertTrue(message = "set both kc.storage.s3.access-key and kc.storage.s3.secret-key, or neither")
		public boolean isCredentialsComplete() {
			return isBlank(accessKey) == isBlank(secretKey);
		}

		@AssertTrue(message = "kc.storage.s3.multipart-threshold must be at least 5MB (S3's smallest part)")
		public boolean isMultipartThresholdValid() {
			return multipartThreshold.compareTo(MIN_PART) >= 0;
		}

		private static boolean isBlank(@Nullable String value) {
			return value == null || value.isBlank();
		}
	}
}
