/**
 * Documents: metadata, versions, blob storage, uploads and downloads. Publishes
 * {@link io.knowledgecloud.document.DocumentUploaded} and friends through the outbox.
 */
@NullMarked
@ApplicationModule(displayName = "Document")
package io.knowledgecloud.document;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
