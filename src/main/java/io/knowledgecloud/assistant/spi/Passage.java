package io.knowledgecloud.assistant.spi;

/**
 * A source passage supplied with a request, numbered as the prompt cites it ({@code [n]}).
 * Language models read it from the prompt; the extractive model answers from it directly.
 */
public record Passage(int number, String title, String text) {
}
