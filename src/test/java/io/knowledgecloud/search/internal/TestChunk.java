package io.knowledgecloud.search.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.search.spi.IndexedChunk;

/** Builds {@link IndexedChunk}s for the index contract tests, with plain defaults. */
final class TestChunk {

	static final Instant CREATED = Instant.parse("2024-03-01T10:15:30.123Z");

	private UUID chunkId = UUID.randomUUID();
	private final UUID workspaceId;
	private final UUID documentId;
	private int version = 1;
	private int ordinal;
	private String title = "Quarterly operations report";
	private List<String> headingPath = List.of("Overview");
	private @Nullable Integer page = 1;
	private String text = "plain words";
	private float[] vector = TestChunk.unit(1, 0, 0, 0);
	private List<String> tags = List.of();
	private @Nullable String collection;
	private String mediaType = "text/plain";
	private Instant createdAt = CREATED;
	private Set<UUID> allowedUsers = Set.of();

	private TestChunk(UUID workspaceId, UUID documentId) {
		this.workspaceId = workspaceId;
		this.documentId = documentId;
	}

	static TestChunk of(UUID workspaceId, UUID documentId) {
		return new TestChunk(workspaceId, documentId);
	}

	/** {@code values} scaled to length 1. */
	static float[] unit(float... values) {
		double norm = 0;
		for (float v : values) {
			norm += v * v;
		}
		float[] unit = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			unit[i] = (float) (values[i] / Math.sqrt(norm));
		}
		return unit;
	}

	static double dot(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot;
	}

	TestChunk id(UUID id) {
		this.chunkId = id;
		return this;
	}

	TestChunk version(int version) {
		this.version = version;
		return this;
	}

	TestChunk ordinal(int ordinal) {
		this.ordinal = ordinal;
		return this;
	}

	TestChunk title(String title) {
		this.title = title;
		return this;
	}

	TestChunk headings(String... headings) {
		this.headingPath = List.of(headings);
		return this;
	}

	TestChunk page(@Nullable Integer page) {
		this.page = page;
		return this;
	}

	TestChunk text(String text) {
		this.text = text;
		return this;
	}

	TestChunk vector(float... vector) {
		this.vector = vector;
		return this;
	}

	TestChunk tags(String... tags) {
		this.tags = List.of(tags);
		return this;
	}

	TestChunk collection(@Nullable String collection) {
		this.collection = collection;
		return this;
	}

	TestChunk mediaType(String mediaType) {
		this.mediaType = mediaType;
		return this;
	}

	TestChunk created(Instant createdAt) {
		this.createdAt = createdAt;
		return this;
	}

	TestChunk allowed(UUID... users) {
		this.allowedUsers = Set.of(users);
		return this;
	}

	IndexedChunk build() {
		return new IndexedChunk(chunkId, workspaceId, documentId, version, ordinal, title, headingPath, page,
				ordinal * 100, ordinal * 100 + text.length(), text, text.split("\\s+").length, "hash-" + ordinal + "-" + text.hashCode(), vector,
				"test-model", tags, collection, mediaType, createdAt, allowedUsers);
	}
}
