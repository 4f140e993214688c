package io.knowledgecloud.platform;

/**
 * Work that makes the first request fast but need not delay readiness: loading a model, building
 * a parser configuration. Every {@code WarmUp} bean runs once, after the application is ready, on
 * one background thread, in {@link org.springframework.core.annotation.Order} order; a request
 * that needs the result earlier does the work itself (so a warm-up must be idempotent and
 * thread-safe, typically by touching a lazily initialised holder).
 */
public interface WarmUp {

	/** Short name for the log line that reports how long it took. */
	String name();

	void run() throws Exception;
}
