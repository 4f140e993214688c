package io.knowledgecloud.agent.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * {@code kc.agent.*}: run limits and approval rules.
 *
 * @param defaultMaxSteps steps a run may take when the request says nothing
 * @param maxSteps the most any request may ask for
 * @param defaultMaxTokens token budget per run when the request says nothing
 * @param defaultMaxCost cost budget per run (in the currency of the prices below)
 * @param pricePerMillionTokens what a million tokens cost, for the cost budget (0 = free)
 * @param timeout wall-clock limit of a run when the request says nothing (also the most allowed)
 * @param approvalTtl how long an approval request stays open
 * @param toolRetries consecutive failed calls of one tool before the run fails
 * @param memories facts recalled for a new run
 */
@ConfigurationProperties("kc.agent")
@Validated
public record AgentSettings(@DefaultValue("12") @Min(1) @Max(200) int defaultMaxSteps,
		@DefaultValue("50") @Min(1) @Max(500) int maxSteps,
		@DefaultValue("200000") @Min(100) long defaultMaxTokens,
		@DefaultValue("1.0") @PositiveOrZero double defaultMaxCost,
		@DefaultValue("0") @PositiveOrZero double pricePerMillionTokens,
		@DefaultValue("10m") Duration timeout,
		@DefaultValue("72h") Duration approvalTtl,
		@DefaultValue("2") @Min(0) @Max(10) int toolRetries,
		@DefaultValue("3") @Min(0) @Max(20) int memories,
		@DefaultValue("30s") Duration expirySweep) {
}
