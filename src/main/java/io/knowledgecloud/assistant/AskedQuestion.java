package io.knowledgecloud.assistant;

/** A question asked in a workspace: how often, and by how many different members. */
public record AskedQuestion(String question, long times, long askers) {
}
