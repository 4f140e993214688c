package io.knowledgecloud.document;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.stereotype.Service;

import io.knowledgecloud.document.spi.BlobStore;

/** Read access to stored document bytes for other modules (ingestion reads what it extracts). */
@Service
public class DocumentContents {

	private final BlobStore blobs;

	DocumentContents(BlobStore blobs) {
		this.blobs = blobs;
	}

	/** The whole blob named by a {@link DocumentUploaded#blobKey()}. */
	public InputStream open(String blobKey) throws IOException {
		return blobs.open(blobKey, 0, -1);
	}
}
