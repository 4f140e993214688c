package io.knowledgecloud.jobs.internal;

import com.github.kagkarlsson.scheduler.serializer.Serializer;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

/**
 * Task data as JSON rather than db-scheduler's default Java serialization: readable in the table,
 * and a renamed or changed class does not make queued jobs undeserializable.
 */
final class JsonTaskData implements Serializer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public byte @Nullable [] serialize(@Nullable Object data) {
		return data == null ? null : JSON.writeValueAsBytes(data);
	}

	@Override
	public <T> @Nullable T deserialize(Class<T> type, byte @Nullable [] bytes) {
		return bytes == null || type == Void.class ? null : JSON.readValue(bytes, type);
	}
}
