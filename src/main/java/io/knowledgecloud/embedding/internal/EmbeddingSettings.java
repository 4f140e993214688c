package io.knowledgecloud.embedding.internal;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Embedding configuration ({@code kc.embedding.*}), documented in docs/configuration.md.
 *
 * @param provider which adapter embeds: the in-process ONNX model, an OpenAI-compatible endpoint or Ollama
 * @param batchSize texts per HTTP request to a remote provider
 * @param threads the in-process model: passages embedded at the same time, one per thread (0: one per available processor)
 * @param timeout remote providers: how long connecting may take, and how long a request may wait for the answer to start
 * @param openai the OpenAI-compatible endpoint
 * @param ollama the Ollama server
 */
@Validated
@ConfigurationProperties("kc.embedding")
public record EmbeddingSettings(@DefaultValue("onnx") @NotNull Provider provider,
		@DefaultValue("32") @Min(1) @Max(2048) int batchSize, @DefaultValue("0") @Min(0) @Max(256) int threads,
		@DefaultValue("60s") @NotNull Duration timeout,
		@DefaultValue @Valid OpenAi openai, @DefaultValue @Valid Ollama ollama) {

	public enum Provider {
		ONNX, OPENAI, OLLAMA
	}

	/**
	 * @param baseUrl the server; requests go to {@code <base-url>/v1/embeddings}
	 * @param apiKey sent as {@code Authorization: Bearer}; empty sends no header (local servers)
	 * @param model the {@code model} of each request
	 * @param dimension the vector length; learned from the first answer when empty
	 * @param maxTokens the model's input limit in its tokens
	 * @param id the model id recorded with each vector; {@code openai:<model>} when empty
	 */
	public record OpenAi(@DefaultValue("https://api.openai.com") @NotNull URI baseUrl, @Nullable String apiKey,
			@DefaultValue("text-embedding-3-small") @NotBlank String model, @Nullable @Positive Integer dimension,
			@DefaultValue("8191") @Min(1) int maxTokens, @Nullable String id) {

		String modelId() {
			return id == null || id.isBlank() ? "openai:" + model : id;
		}
	}

	/**
	 * @param baseUrl the server; requests go to {@code <base-url>/api/embed}
	 * @param model the {@code model} of each request (it must have been pulled)
	 * @param dimension the vector length; learned from the first answer when empty
	 * @param maxTokens the model's input limit in its tokens (Ollama truncates longer inputs)
	 */
	public record Ollama(@DefaultValue("http://localhost:11434") @NotNull URI baseUrl,
			@DefaultValue("nomic-embed-text") @NotBlank String model, @Nullable @Positive Integer dimension,
			@DefaultValue("512") @Min(1) int maxTokens) {
	}
}
