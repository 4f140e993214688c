package io.knowledgecloud.assistant;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A workspace's assistant limits.
 *
 * @param monthlyBudget most cost per UTC month ({@code null} = no budget)
 * @param overBudget {@code refuse} (problem {@code budget_exceeded}) or {@code extractive} (answer
 *     without the language model, marked degraded)
 * @param requestsPerMinute most answers per minute from a language model for the whole workspace
 *     ({@code null} = no limit beyond the API rate limit)
 */
public record AssistantLimits(@Nullable @DecimalMin("0") BigDecimal monthlyBudget,
		@NotNull @Pattern(regexp = "refuse|extractive") String overBudget,
		@Nullable @Min(1) @Max(100000) Integer requestsPerMinute) {

	public static final AssistantLimits NONE = new AssistantLimits(null, "refuse", null);
}
