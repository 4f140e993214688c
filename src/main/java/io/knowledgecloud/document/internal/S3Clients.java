package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.util.Objects;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the S3 client and presigner from {@code kc.storage.s3.*}, and creates the bucket. */
final class S3Clients {

	private S3Clients() {
	}

	static S3Client client(DocumentStorageSettings.S3 settings) {
		var builder = S3Client.builder().region(Region.of(settings.region())).credentialsProvider(credentials(settings))
				.serviceConfiguration(service(settings))
				// S3-compatible servers (S3Proxy among them) reject the SDK's default checksummed
				// uploads; checksums are still sent where S3 requires them
				.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
				.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		return builder.build();
	}

	static S3Presigner presigner(DocumentStorageSettings.S3 settings) {
		var builder = S3Presigner.builder().region(Region.of(settings.region())).credentialsProvider(credentials(settings))
				.serviceConfiguration(service(settings));
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		return builder.build();
	}

	/** Creates the bucket unless it exists; idempotent, also when another replica starts at the same time. */
	static void createBucketIfMissing(S3Client s3, String bucket) throws IOException {
		try {
			s3.headBucket(b -> b.bucket(bucket));
			return;
		}
		catch (NoSuchBucketException missing) {
			// create it below
		}
		catch (S3Exception e) {
			if (e.statusCode() != 404) { // HEAD has no body, so the SDK cannot always name the error
				throw new IOException("Cannot reach bucket " + bucket + ": " + e.getMessage(), e);
			}
		}
		catch (SdkException e) {
			throw new IOException("Cannot reach bucket " + bucket + ": " + e.getMessage(), e);
		}
		try {
			s3.createBucket(b -> b.bucket(bucket));
		}
		catch (BucketAlreadyOwnedByYouException raced) {
			// a concurrent start-up created it
		}
		catch (SdkException e) { // including BucketAlreadyExists: the name belongs to another account
			throw new IOException("Cannot create bucket " + bucket + ": " + e.getMessage(), e);
		}
	}

	private static S3Configuration service(DocumentStorageSettings.S3 settings) {
		return S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
	}

	private static AwsCredentialsProvider credentials(DocumentStorageSettings.S3 settings) {
		if (settings.accessKey() == null || settings.accessKey().isBlank()) {
			return DefaultCredentialsProvider.builder().build();
		}
		return StaticCredentialsProvider
				.create(AwsBasicCredentials.create(settings.accessKey(), Objects.requireNonNull(settings.secretKey())));
	}
}
