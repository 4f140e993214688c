package io.knowledgecloud.platform.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.platform.Problems;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The container's error page: errors raised outside Spring MVC (servlet filters, the
 * connector) still answer with a problem document, never an HTML page or a stack trace.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

	@RequestMapping(value = "/error", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE,
			MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String problemCode = switch (status) {
			case NOT_FOUND -> "not_found";
			case PAYLOAD_TOO_LARGE -> "payload_too_large";
			case UNAUTHORIZED -> "unauthenticated";
			case FORBIDDEN -> "forbidden";
			case METHOD_NOT_ALLOWED -> "method_not_allowed";
			default -> status.is5xxServerError() ? "internal_error" : "bad_request";
		};
		ProblemDetail problem = Problems.of(status, problemCode, status.getReasonPhrase(),
				status.is5xxServerError() ? "An unexpected error occurred. Quote the request_id when reporting it."
						: status.getReasonPhrase(),
				uri == null ? null : uri.toString());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
