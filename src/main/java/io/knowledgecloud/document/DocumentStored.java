package io.knowledgecloud.document;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Content of a document is stored and waits for ingestion: a new document
 * ({@link DocumentUploaded}) or a new version of one ({@link DocumentVersionAdded}). Carries what
 * ingestion and the index need, so no module reads document tables; listen to this type to
 * handle both.
 */
public sealed interface DocumentStored extends DocumentEvent permits DocumentUploaded, DocumentVersionAdded {

	int version();

	/** The content's key in the blob store (its SHA-256). */
	String blobKey();

	String mediaType();

	String title();

	List<String> tags();

	@Nullable
	String collection();

	/** Empty when the whole workspace may see the document. */
	Set<UUID> allowedUsers();
}
