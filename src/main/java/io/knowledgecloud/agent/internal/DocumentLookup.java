package io.knowledgecloud.agent.internal;

import java.util.List;

import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.search.DocumentTexts;
import io.knowledgecloud.search.DocumentTexts.Passage;

/** Reading a document for a tool: not visible or not indexed yet is a failure the model sees. */
final class DocumentLookup {

	private DocumentLookup() {
	}

	static List<Passage> passages(DocumentTexts texts, ToolInvocation call, DocumentId id) throws ToolFailure {
		try {
			return texts.passages(call.workspace(), call.caller(), id);
		}
		catch (KnowledgeCloudException e) {
			throw new ToolFailure(e.code(), "document " + id.value() + ": " + e.getMessage());
		}
	}
}
