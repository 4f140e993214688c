package io.knowledgecloud.search.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.knowledgecloud.search.spi.SearchIndex;

/** The embedded adapter against the index contract, on a temporary directory. */
class LuceneSearchIndexTest extends SearchIndexContract {

	@TempDir
	Path dir;

	@Override
	SearchIndex newIndex() {
		return new LuceneSearchIndex(dir.resolve("index"));
	}
}
