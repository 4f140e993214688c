package io.knowledgecloud.search;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * How hybrid search fuses its keyword and vector lists, per workspace.
 *
 * @param fusion {@code rrf} (reciprocal rank fusion) or {@code weighted} (min-max normalised scores)
 * @param rrfK the k of RRF: smaller values favour the top of each list
 * @param keywordWeight the keyword list's share, 0..1 (the vector list gets the rest); in RRF
 *     0.5 weighs both lists equally
 */
public record SearchTuning(@NotNull @Pattern(regexp = "rrf|weighted") String fusion, @Min(1) @Max(1000) int rrfK,
		@DecimalMin("0") @DecimalMax("1") double keywordWeight) {
}
