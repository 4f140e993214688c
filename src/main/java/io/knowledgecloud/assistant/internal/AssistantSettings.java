package io.knowledgecloud.assistant.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Assistant configuration ({@code kc.assistant.*}).
 *
 * @param provider {@code extractive} (default, offline), {@code openai} or {@code anthropic}
 * @param model the provider's model name
 * @param baseUrl the provider's base URL ({@code openai}: up to and including {@code /v1})
 * @param apiKey the provider's key
 * @param timeout the longest a provider call may take, streaming included
 * @param maxRetries retries of a failed call that is safe to retry (not after the first streamed token)
 * @param maxConcurrentCalls bulkhead: provider calls in flight at once on this node
 * @param retrievalLimit passages retrieved per question
 * @param contextTokens token budget of the passages in a prompt
 * @param maxQuestionLength longest question accepted, in characters
 * @param maxAnswerTokens most tokens a model may generate per answer
 * @param historyMessages earlier messages of a conversation sent with a question
 * @param supportThreshold a citation whose sentence scores below this against its source is
 *     flagged unsupported
 * @param extractive the offline answerer
 * @param prices price per million input and output tokens, by model name
 * @param semanticCache reuse of answers to nearly identical questions
 * @param tiering small and large model by question difficulty
 * @param workspaceBaseUrls base URLs a workspace admin may point the workspace's own provider at
 *     (prefix match); anything else is refused, so a workspace cannot make the server call
 *     internal addresses
 * @param queryRewriting with a language model: let it rewrite the question into a search query first
 * @param hyde with a language model: let it write a hypothetical answer and search with question
 *     and answer together (HyDE)
 * @param condenseWithModel with a language model: a follow-up in a conversation is rewritten by the
 *     model into a standalone question (else, and without a model, by a rule)
 */
@Validated
@ConfigurationProperties("kc.assistant")
public record AssistantSettings(
		@DefaultValue("extractive") @Pattern(regexp = "extractive|openai|anthropic") String provider,
		@DefaultValue("extractive-v1") String model, @Nullable URI baseUrl, @Nullable String apiKey,
		@DefaultValue("60s") Duration timeout, @DefaultValue("2") @Min(0) @Max(5) int maxRetries,
		@DefaultValue("16") @Min(1) int maxConcurrentCalls, @DefaultValue("8") @Min(1) @Max(50) int retrievalLimit,
		@DefaultValue("3000") @Min(200) int contextTokens, @DefaultValue("4000") @Min(10) int maxQuestionLength,
		@DefaultValue("1024") @Min(16) int maxAnswerTokens, @DefaultValue("6") @Min(0) @Max(50) int historyMessages,
		@DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double supportThreshold,
		@Valid @DefaultValue Extractive extractive, @DefaultValue Map<String, Price> prices,
		@Valid @DefaultValue SemanticCache semanticCache, @Valid @DefaultValue Tiering tiering,
		@DefaultValue("https://api.openai.com/v1,https://api.anthropic.com") java.util.List<URI> workspaceBaseUrls,
		@DefaultValue("false") boolean queryRewriting, @DefaultValue("false") boolean hyde,
		@DefaultValue("true") boolean condenseWithModel) {

	/**
	 * @param enabled reuse the answer of a close enough earlier question (same workspace, same access
	 *     scope, same filters, no conversation)
	 * @param threshold cosine of the two questions' embeddings at or above which an answer is reused
	 * @param ttl longest life of a cached answer; any change to a document it cites removes it sooner
	 * @param maxPerScope most answers kept per workspace and access scope
	 */
	public record SemanticCache(@DefaultValue("true") boolean enabled,
			@DefaultValue("0.95") @DecimalMin("0.5") @DecimalMax("1") double threshold, @DefaultValue("1h") Duration ttl,
			@DefaultValue("200") @Min(1) int maxPerScope) {
	}

	/**
	 * @param enabled send simple questions to {@code smallModel} and hard ones to {@code largeModel}
	 * @param smallModel model for simple questions
	 * @param largeModel model for hard questions
	 * @param maxSimpleWords a question with more words than this is hard
	 * @param hardWords word stems that make a question hard (comparisons, explanations)
	 */
	public record Tiering(@DefaultValue("false") boolean enabled, @Nullable String smallModel,
			@Nullable String largeModel, @DefaultValue("25") @Min(1) int maxSimpleWords,
			@DefaultValue("compar,contrast,why,explain,analy,differ,evaluat,pros,cons,summar,trade-off") java.util.List<String> hardWords) {
	}

	/**
	 * @param maxSentences most sentences in an answer
	 * @param minConfidence below this score of the best sentence the answer says the documents do
	 *     not answer
	 */
	public record Extractive(@DefaultValue("4") @Min(1) @Max(20) int maxSentences,
			@DefaultValue("0.45") @DecimalMin("0") @DecimalMax("1") double minConfidence) {
	}

	/** Price in the configured currency per million tokens. */
	public record Price(@DefaultValue("0") BigDecimal input, @DefaultValue("0") BigDecimal output) {
	}
}
