package io.knowledgecloud.ingest.internal;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Vectors by (model id, chunk content hash), table {@code ingest_embedding_cache}. */
@Repository
class EmbeddingCache {

	private final JdbcClient jdbc;
	private final Clock clock;

	EmbeddingCache(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Map<String, float[]> find(String modelId, List<String> hashes) {
		Map<String, float[]> found = new HashMap<>();
		if (hashes.isEmpty()) {
			return found;
		}
		jdbc.sql("SELECT content_hash, vector FROM ingest_embedding_cache WHERE model_id = :model AND content_hash IN (:hashes)")
			.param("model", modelId)
			.param("hashes", hashes)
			.query((rs, n) -> found.put(rs.getString(1), decode(rs.getBytes(2))))
			.list();
		return found;
	}

	void put(String modelId, String hash, float[] vector) {
		try {
			jdbc.sql("INSERT INTO ingest_embedding_cache (model_id, content_hash, vector, created_at) VALUES (?, ?, ?, ?)")
				.params(modelId, hash, encode(vector), Timestamp.from(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException alreadyCached) {
			// same content, same model: same vector
		}
	}

	static byte[] encode(float[] vector) {
		ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4);
		for (float v : vector) {
			buffer.putFloat(v);
		}
		return buffer.array();
	}

	static float[] decode(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		float[] vector = new float[bytes.length / 4];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = buffer.getFloat();
		}
		return vector;
	}
}
