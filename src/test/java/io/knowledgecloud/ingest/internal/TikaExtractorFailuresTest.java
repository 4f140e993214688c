package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Every permanent failure has its code and a message a user can act on; nothing else escapes. */
class TikaExtractorFailuresTest {

	private static final TikaExtractor extractor = new TikaExtractor();

	private static final byte[] THREE_PAGES = SampleDocuments.pdf("Three pages",
			List.of(List.of("One."), List.of("Two."), List.of("Three.")));

	private static ExtractionFailed failure(byte[] bytes, String declaredType, ExtractionLimits limits) {
		return catchThrowableOfType(ExtractionFailed.class,
				() -> extractor.extract(new ByteArrayInputStream(bytes), declaredType, limits));
	}

	private static ExtractionFailed failure(byte[] bytes, String declaredType) {
		return failure(bytes, declaredType, ExtractionLimits.DEFAULTS);
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(42).nextBytes(bytes);
		return bytes;
	}

	@Test
	void truncatedPdfIsCorrupt() {
		byte[] truncated = Arrays.copyOf(THREE_PAGES, THREE_PAGES.length / 3);

		ExtractionFailed failed = failure(truncated, "application/pdf");

		assertThat(failed.code()).isEqualTo("corrupt_file");
		assertThat(failed.getMessage()).contains("damaged");
	}

	@Test
	void randomBytesDeclaredAsPdfAreCorrupt() {
		assertThat(failure(randomBytes(4096), "application/pdf").code()).isEqualTo("corrupt_file");
	}

	@Test
	void passwordProtectedPdfIsEncrypted() {
		ExtractionFailed failed = failure(SampleDocuments.encryptedPdf(), "application/pdf");

		assertThat(failed.code()).isEqualTo("encrypted_file");
		assertThat(failed.getMessage()).contains("password");
	}

	@Test
	void passwordProtectedDocxIsEncrypted() {
		assertThat(failure(SampleArchives.encryptedDocx(), "application/octet-stream").code())
			.isEqualTo("encrypted_file");
	}

	@Test
	void unknownBinaryIsUnsupported() {
		ExtractionFailed failed = failure(randomBytes(4096), "application/octet-stream");

		assertThat(failed.code()).isEqualTo("unsupported_type");
		assertThat(failed.getMessage()).contains("application/octet-stream");
	}

	@Test
	void pdfWithoutTextHasNoText() {
		assertThat(failure(SampleDocuments.blankPdf(2), "application/pdf").code()).isEqualTo("no_text");
	}

	@Test
	void imageHasNoText() {
		assertThat(failure(SampleDocuments.png(), "image/png").code()).isEqualTo("no_text");
	}

	@Test
	void emptyOrBlankFilesHaveNoText() {
		assertThat(failure(new byte[0], "text/plain").code()).isEqualTo("no_text");
		assertThat(failure(" \n\t\n ".getBytes(StandardCharsets.UTF_8), "text/plain").code()).isEqualTo("no_text");
	}

	@Test
	void highlyCompressedZipEntryIsAZipBomb() {
		byte[] bomb = SampleArchives.zipBomb("bomb.txt", 40 << 20);
		assertThat(bomb.length).isLessThan(100_000);

		ExtractionFailed failed = failure(bomb, "application/zip");

		assertThat(failed.code()).isEqualTo("zip_bomb");
		assertThat(failed.getMessage()).contains("zip bomb");
	}

	@Test
	void docxWithAHighlyCompressedPartIsAZipBomb() {
		byte[] bomb = SampleArchives.docxBomb(12 << 20);
		assertThat(bomb.length).isLessThan(100_000);

		assertThat(failure(bomb, "application/octet-stream").code()).isEqualTo("zip_bomb");
	}

	@Test
	void morePagesThanAllowed() {
		ExtractionFailed failed = failure(THREE_PAGES, "application/pdf", ExtractionLimits.DEFAULTS.withMaxPages(2));

		assertThat(failed.code()).isEqualTo("too_many_pages");
		assertThat(failed.getMessage()).contains("limit is 2");
		assertThat(failure(THREE_PAGES, "application/pdf", ExtractionLimits.DEFAULTS.withMaxPages(3))).isNull();
	}

	@Test
	void moreTextThanAllowed() {
		byte[] text = "All work and no play. ".repeat(1_000).getBytes(StandardCharsets.UTF_8);

		ExtractionFailed failed = failure(text, "text/plain", ExtractionLimits.DEFAULTS.withMaxCharacters(10_000));

		assertThat(failed.code()).isEqualTo("too_much_text");
	}

	@Test
	void slowExtractionTimesOutAndStopsReading() throws Exception {
		EndlessText endless = new EndlessText();
		ExtractionLimits limits = ExtractionLimits.DEFAULTS.withTimeout(Duration.ofMillis(300));
		long started = System.nanoTime();

		assertThatThrownBy(() -> extractor.extract(endless, "text/plain", limits))
			.isInstanceOfSatisfying(ExtractionFailed.class, e -> assertThat(e.code()).isEqualTo("extraction_timeout"));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		Thread.sleep(200);
		long readsAfterTimeout = endless.reads.get();
		Thread.sleep(300);
		assertThat(endless.reads.get()).as("the cancelled parse stops reading").isEqualTo(readsAfterTimeout);
	}

	@Test
	void failingSourceStreamIsTransientNotCorrupt() {
		InputStream failing = new InputStream() {
			private int served;

			@Override
			public int read() throws IOException {
				if (served++ < 10_000) {
					return 'a';
				}
				throw new IOException("connection reset by blob store");
			}
		};

		assertThatThrownBy(() -> extractor.extract(failing, "text/plain", ExtractionLimits.DEFAULTS))
			.isInstanceOf(UncheckedIOException.class)
			.hasRootCauseMessage("connection reset by blob store");
	}

	/** Text that never ends, delivered slowly: only the timeout can stop its extraction. */
	private static final class EndlessText extends InputStream {

		private final AtomicLong reads = new AtomicLong();

		@Override
		public int read() {
			byte[] one = new byte[1];
			read(one, 0, 1);
			return one[0];
		}

		@Override
		public int read(byte[] b, int off, int len) {
			reads.incrementAndGet();
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			int n = Math.min(len, 64);
			for (int i = 0; i < n; i++) {
				b[off + i] = (byte) "the endless text ".charAt(i % 17);
			}
			return n;
		}
	}
}
