package io.knowledgecloud.document.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;

import io.knowledgecloud.platform.KnowledgeCloudException;

/** Validation of the plain form fields of multipart requests (Bean Validation does not see them). */
final class DocumentRequests {

	private DocumentRequests() {
	}

	static @Nullable String text(@Nullable String value, String field, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.length() > max || stripped.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidField(field, "must be at most " + max + " characters without control characters");
		}
		return stripped;
	}

	static List<String> tags(@Nullable String csv) {
		List<String> tags = DocumentController.split(csv).stream().distinct().toList();
		if (tags.size() > 50) {
			throw new InvalidField("tags", "at most 50 tags");
		}
		for (String tag : tags) {
			text(tag, "tags", 100);
		}
		return tags;
	}

	static Set<UUID> users(@Nullable String csv) {
		Set<UUID> users = new LinkedHashSet<>();
		for (String id : DocumentController.split(csv)) {
			try {
				users.add(UUID.fromString(id));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidField("allowed_users", "must be comma-separated user ids");
			}
		}
		return users;
	}

	static @Nullable Long eventId(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(header.strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidField("Last-Event-ID", "must be the id of an event from this stream");
		}
	}

	static List<HttpRange> ranges(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return List.of();
		}
		try {
			return HttpRange.parseRanges(header);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidField("Range", "malformed Range header");
		}
	}

	/** A form field has an invalid value. */
	static final class InvalidField extends KnowledgeCloudException {

		private final String field;
		private final String message;

		InvalidField(String field, String message) {
			super(HttpStatus.BAD_REQUEST, "validation_failed", "Field '" + field + "' " + message + ".");
			this.field = field;
			this.message = message;
		}

		@Override
		public java.util.Map<String, Object> properties() {
			return java.util.Map.of("errors", List.of(java.util.Map.of("field", field, "code", "invalid", "message",
					message)));
		}
	}

}
