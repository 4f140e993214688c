package io.knowledgecloud.document.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.PlatformSettings;

/**
 * Streams an upload to a temporary file under the data directory, computing its SHA-256 and size
 * on the way and stopping at the size limit, then detects the media type from the bytes (the
 * file name only breaks ties between text formats). Nothing is held in memory whole.
 */
@Component
class UploadSpooler {

	/** A spooled upload; delete {@link #file()} when done. */
	record Spooled(Path file, String sha256, long size, String mediaType) implements AutoCloseable {
		@Override
		public void close() throws IOException {
			Files.deleteIfExists(file);
		}
	}

	private final Path tmp;
	private final long maxBytes;

	UploadSpooler(PlatformSettings platform, DocumentSettings settings) throws IOException {
		this.tmp = Files.createDirectories(platform.dataDir().resolve("tmp"));
		this.maxBytes = settings.maxUploadSize().toBytes();
	}

	Spooled spool(InputStream in, @Nullable String fileName) throws IOException {
		return spool(in, fileName, null);
	}

	/**
	 * @param writtenAs the type of content the server wrote itself, used instead of detection;
	 *     {@code null} detects the type from the bytes
	 */
	Spooled spool(InputStream in, @Nullable String fileName, @Nullable String writtenAs) throws IOException {
		Path file = Files.createTempFile(tmp, "upload-", ".part");
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			long size = 0;
			try (InputStream source = new DigestInputStream(in, digest); OutputStream out = Files.newOutputStream(file)) {
				byte[] buffer = new byte[64 * 1024];
				int n;
				while ((n = source.read(buffer)) > 0) {
					size += n;
					if (size > maxBytes) {
						throw new UploadTooLarge(maxBytes);
					}
					out.write(buffer, 0, n);
				}
			}
			if (size == 0) {
				throw new EmptyUpload();
			}
			return new Spooled(file, HexFormat.of().formatHex(digest.digest()), size,
					writtenAs != null ? writtenAs : detect(file, fileName));
		}
		catch (IOException | RuntimeException e) {
			Files.deleteIfExists(file);
			throw e;
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private String detect(Path file, @Nullable String fileName) throws IOException {
		Metadata metadata = new Metadata();
		if (fileName != null) {
			metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
		}
		try (TikaInputStream stream = TikaInputStream.get(file)) {
			return Detection.DETECTOR.detect(stream, metadata).getBaseType().toString();
		}
	}

	/** Builds the detector now, so the first upload does not wait for it. */
	void warmUp() {
		Detection.DETECTOR.getClass();
	}

	/**
	 * Tika's default detector (magic bytes, then the name), built once per JVM on first access; only
	 * the detector, not the whole default configuration with every parser (extraction builds that).
	 */
	private static final class Detection {
		static final Detector DETECTOR = new DefaultDetector();
	}

	/** The upload is larger than {@code kc.documents.max-upload-size}. */
	static final class UploadTooLarge extends KnowledgeCloudException {
		UploadTooLarge(long max) {
			super(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The file exceeds the limit of " + max + " bytes.");
		}
	}
}
