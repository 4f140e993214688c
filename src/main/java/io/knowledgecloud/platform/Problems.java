package io.knowledgecloud.platform;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and writes RFC 9457 problem documents in the one shape every KnowledgeCloud error has:
 * {@code type, title, status, detail, code, instance, request_id} and, for validation,
 * {@code errors[]}.
 */
@Component
public class Problems {

	/** Base of the {@code type} URIs; documented in docs/errors.md. */
	public static final String TYPE_BASE = "https://knowledgecloud.io/problems/";
	public static final String REQUEST_ID = "requestId";

	private final JsonMapper json;

	public Problems(JsonMapper json) {
		this.json = json;
	}

	public record FieldError(String field, String code, String message) {
	}

	public static ProblemDetail of(HttpStatusCode status, String code, String title, @Nullable String detail,
			@Nullable String instance) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setType(URI.create(TYPE_BASE + code.replace('_', '-')));
		problem.setTitle(title);
		problem.setDetail(detail);
		if (instance != null) {
			problem.setInstance(URI.create(instance));
		}
		problem.setProperty("code", code);
		String requestId = MDC.get(REQUEST_ID);
		if (requestId != null) {
			problem.setProperty("request_id", requestId);
		}
		return problem;
	}

	public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
		problem.setProperty("errors", errors);
		return problem;
	}

	public static ProblemDetail of(KnowledgeCloudException ex, @Nullable String instance) {
		ProblemDetail problem = of(ex.status(), ex.code(), ex.title(), ex.getMessage(), instance);
		for (Map.Entry<String, Object> e : ex.properties().entrySet()) {
			problem.setProperty(e.getKey(), e.getValue());
		}
		return problem;
	}

	/** Writes a problem straight to the response, for filters that run outside Spring MVC. */
	public void write(@Nullable HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		if (problem.getInstance() == null && request != null) {
			problem.setInstance(URI.create(request.getRequestURI()));
		}
		json.writeValue(response.getOutputStream(), toMap(problem));
	}

	public void write(@Nullable HttpServletRequest request, HttpServletResponse response, KnowledgeCloudException ex)
			throws IOException {
		write(request, response, of(ex, request == null ? null : request.getRequestURI()));
	}

	private static Map<String, Object> toMap(ProblemDetail problem) {
		var map = new java.util.LinkedHashMap<String, Object>();
		map.put("type", problem.getType().toString());
		map.put("title", problem.getTitle());
		map.put("status", problem.getStatus());
		if (problem.getDetail() != null) {
			map.put("detail", problem.getDetail());
		}
		if (problem.getInstance() != null) {
			map.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			map.putAll(problem.getProperties());
		}
		return map;
	}
}
