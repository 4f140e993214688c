package io.knowledgecloud.search.spi;

/**
 * A BM25 query over title, heading path and text.
 *
 * @param text the user's words; analysed with the English analyser and never parsed as query
 *     syntax unless {@code advanced}
 * @param advanced {@code true}: {@code text} is validated simple query syntax ({@code "phrase"},
 *     {@code -not}, {@code a | b}, {@code prefix*}, {@code (groups)}, {@code word~1}); terms are
 *     required by default (AND: with OR, {@code a -b} would match everything without b)
 * @param titleBoost weight of the title field relative to the text field
 * @param headingBoost weight of the heading-path field relative to the text field
 */
public record KeywordQuery(String text, boolean advanced, float titleBoost, float headingBoost) {
}
