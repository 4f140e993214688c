package io.knowledgecloud.ingest.internal;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.jspecify.annotations.Nullable;

import io.knowledgecloud.ingest.internal.ExtractionFailed.Reason;

/**
 * Extracts text, pages and headings from a document with Apache Tika.
 *
 * <p>The type is detected from the bytes, with the declared type as a hint only (so Markdown,
 * which is plain text to a byte sniffer, is recognised when declared). A type for which Tika has
 * no parser is {@code unsupported_type}; a supported type that yields nothing but whitespace
 * (an image, a scan without a text layer, an empty file) is {@code no_text}. OCR is switched off:
 * it would make extraction time depend on whether Tesseract happens to be installed. DOCX is read
 * with Tika's streaming (SAX) extractor rather than POI's in-memory DOM, so a huge document
 * costs time, not heap.
 *
 * <p>Each parse runs on its own virtual thread so that {@link ExtractionLimits#timeout()} can be
 * enforced; on timeout the parse is cancelled cooperatively (the next read of the input and the
 * next SAX event fail, and the thread is interrupted). Zip bombs are caught by Tika's
 * {@code SecureContentHandler} (compression ratio, XML and archive nesting depth), configured
 * from the limits, and by POI's own inflate-ratio check for Office files.
 *
 * <p>Every failure of the parse surfaces as {@link ExtractionFailed}, see {@link ExtractionErrors};
 * the two deliberate exceptions are transient: an {@link java.io.UncheckedIOException} when the
 * input stream itself fails, and a {@link CancellationException} when the calling thread is
 * interrupted. Thread-safe; the caller keeps ownership of (and closes) the input stream.
 */
final class TikaExtractor {

	private final @Nullable TikaConfig config;

	/** With Tika's default configuration, built on first use (it loads every parser: ~0.5 s). */
	TikaExtractor() {
		this.config = null;
	}

	TikaExtractor(TikaConfig config) {
		this.config = config;
	}

	/** Builds the configuration now, so the first document does not wait for it. */
	void warmUp() {
		config();
	}

	private TikaConfig config() {
		return config != null ? config : DefaultConfig.INSTANCE;
	}

	/** Tika's default configuration, built once per JVM on first access (class initialisation). */
	private static final class DefaultConfig {
		static final TikaConfig INSTANCE = TikaConfig.getDefaultConfig();
	}

	/**
	 * @param mediaType the type the document was stored with; a hint for detection
	 * @throws ExtractionFailed for every permanent failure
	 */
	ExtractedDocument extract(InputStream in, String mediaType, ExtractionLimits limits) {
		AtomicBoolean cancelled = new AtomicBoolean();
		CompletableFuture<ExtractedDocument> result = new CompletableFuture<>();
		// a platform thread: parsing is CPU work that never blocks, and on a virtual thread it would hold
		// one of the few carrier threads every request handler and listener of the server shares
		Thread worker = Thread.ofPlatform().daemon().name("tika-extract").start(() -> {
			try {
				result.complete(parse(in, mediaType, limits, cancelled));
			}
			catch (Throwable t) {
				result.completeExceptionally(t);
			}
		});
		try {
			return result.get(limits.timeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException e) {
			cancel(cancelled, worker);
			throw new ExtractionFailed(Reason.EXTRACTION_TIMEOUT, "The limit is " + limits.timeout().toMillis() + " ms.",
					null);
		}
		catch (InterruptedException e) {
			cancel(cancelled, worker);
			Thread.currentThread().interrupt();
			throw new CancellationException("Extraction was interrupted");
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	private static void cancel(AtomicBoolean cancelled, Thread worker) {
		cancelled.set(true);
		worker.interrupt();
	}

	private ExtractedDocument parse(InputStream in, String declaredType, ExtractionLimits limits,
			AtomicBoolean cancelled) {
		StructureHandler handler = new StructureHandler(limits, cancelled::get);
		SourceStream source = new SourceStream(in, cancelled::get);
		Metadata metadata = new Metadata();
		metadata.set(Metadata.CONTENT_TYPE, declaredType);
		try (TemporaryResources tmp = new TemporaryResources();
				TikaInputStream tis = TikaInputStream.get(source, tmp, metadata)) {
			// embedded documents (attachments, archive entries) go through this one, each detected
			AutoDetectParser parser = parser(limits);
			ParseContext context = context(parser);
			MediaType detected = parser.getDetector().detect(tis, metadata);
			MediaType type = detected.getBaseType();
			if (!supported(parser, type, context)) {
				throw new ExtractionFailed(Reason.UNSUPPORTED_TYPE, "Its type was detected as " + type + ".", null);
			}
			// the document itself is parsed as the type just detected, not detected a second time
			// (magic matching is a large part of extracting a small text); the limits stay the same
			AutoDetectParser outer = parser(limits);
			outer.setDetector((input, known) -> detected);
			outer.parse(tis, handler, metadata, context);
			ExtractionFailed limit = handler.failure();
			if (limit != null) {
				throw limit;
			}
			ExtractedDocument document = handler.document(type.toString(), title(metadata));
			if (MarkdownHeadings.isMarkdown(document.mediaType())) {
				document = MarkdownHeadings.apply(document);
			}
			if (!hasText(document.text())) {
				throw new ExtractionFailed(Reason.NO_TEXT);
			}
			return document;
		}
		catch (Throwable t) {
			throw ExtractionErrors.classify(t, handler, source);
		}
	}

	private AutoDetectParser parser(ExtractionLimits limits) {
		AutoDetectParserConfig parserConfig = new AutoDetectParserConfig();
		parserConfig.setMaximumCompressionRatio(limits.maxCompressionRatio());
		parserConfig.setMaximumPackageEntryDepth(limits.maxPackageDepth());
		AutoDetectParser parser = new AutoDetectParser(config());
		parser.setAutoDetectParserConfig(parserConfig);
		return parser;
	}

	private static ParseContext context(AutoDetectParser parser) {
		ParseContext context = new ParseContext();
		context.set(Parser.class, parser);
		TesseractOCRConfig ocr = new TesseractOCRConfig();
		ocr.setSkipOcr(true);
		context.set(TesseractOCRConfig.class, ocr);
		OfficeParserConfig office = new OfficeParserConfig();
		office.setUseSAXDocxExtractor(true);
		context.set(OfficeParserConfig.class, office);
		return context;
	}

	/** Whether some parser other than the empty fallback handles {@code type} or a supertype of it. */
	private static boolean supported(AutoDetectParser parser, MediaType type, ParseContext context) {
		Map<MediaType, Parser> parsers = parser.getParsers(context);
		MediaTypeRegistry registry = parser.getMediaTypeRegistry();
		for (MediaType t = registry.normalize(type); t != null; t = registry.getSupertype(t)) {
			if (t.equals(MediaType.OCTET_STREAM)) {
				return false;
			}
			Parser candidate = parsers.get(t);
			if (candidate != null && !(candidate instanceof EmptyParser)) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String title(Metadata metadata) {
		String title = metadata.get(TikaCoreProperties.TITLE);
		return title == null || title.isBlank() ? null : title.strip();
	}

	/** Anything but whitespace, control and format characters, which normalisation removes. */
	static boolean hasText(String text) {
		return text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
				&& !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT);
	}
}
