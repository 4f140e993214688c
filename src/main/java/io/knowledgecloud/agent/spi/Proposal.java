package io.knowledgecloud.agent.spi;

import java.util.UUID;

/**
 * A change to one document, waiting for approval.
 *
 * @param baseVersion the version the change was computed against; applying fails if it moved on
 * @param summary what changes, in one line
 * @param preview a unified diff of the document's text
 * @param content the change as the tool will apply it (JSON text)
 */
public record Proposal(UUID documentId, int baseVersion, String summary, String preview, String content) {
}
