package io.knowledgecloud.platform.internal;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.Problems;
import io.knowledgecloud.platform.Problems.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Renders every error raised while handling a request as a problem document with a stable
 * {@code code}. Framework exceptions get codes here; module exceptions carry their own.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

	@ExceptionHandler(KnowledgeCloudException.class)
	ResponseEntity<Object> named(KnowledgeCloudException ex, HttpServletRequest request) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(ex.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		Object retryAfter = ex.properties().get("retry_after");
		if (retryAfter != null) {
			builder.header(HttpHeaders.RETRY_AFTER, retryAfter.toString());
		}
		return builder.body(Problems.of(ex, request.getRequestURI()));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
		List<FieldError> errors = ex.getConstraintViolations()
			.stream()
			.map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), constraintCode(
					v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()), v.getMessage()))
			.toList();
		return problem(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed",
				"The request has invalid fields.", request, errors);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> accessDenied(AccessDeniedException ex, HttpServletRequest request) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "You may not perform this action.", request,
				null);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Internal Server Error",
				"An unexpected error occurred. Quote the request_id when reporting it.", request, null);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(e -> new FieldError(snake(e.getField()), constraintCode(e.getCode()), message(e.getDefaultMessage())))
			.toList();
		return problem(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed",
				"The request body has invalid fields.", servlet(request), errors);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(r -> r.getResolvableErrors()
				.stream()
				.map(e -> new FieldError(parameterName(r), constraintCode(e.getCodes() == null ? null
						: e.getCodes()[e.getCodes().length - 1]), message(e.getDefaultMessage()))))
			.toList();
		return problem(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed",
				"The request has invalid parameters.", servlet(request), errors);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof KnowledgeCloudException named) {
			return named(named, servlet(request));
		}
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return problem(HttpStatus.BAD_REQUEST, "unknown_property", "Unknown property",
					"Property '" + unknown.getPropertyName() + "' is not recognised.", servlet(request),
					List.of(new FieldError(path(unknown), "unknown_property", "not a recognised property")));
		}
		DatabindException mismatch = cause(ex, DatabindException.class);
		if (mismatch != null) {
			String field = path(mismatch);
			return problem(HttpStatus.BAD_REQUEST, "invalid_type", "Invalid value",
					field.isEmpty() ? "The request body does not have the expected structure."
							: "Field '" + field + "' has the wrong type or format.",
					servlet(request), field.isEmpty() ? null
							: List.of(new FieldError(field, "invalid_type", "wrong type or format")));
		}
		if (cause instanceof JacksonException) {
			return problem(HttpStatus.BAD_REQUEST, "malformed_json", "Malformed JSON",
					"The request body is not valid JSON.", servlet(request), null);
		}
		return problem(HttpStatus.BAD_REQUEST, "unreadable_body", "Unreadable body",
				"The request body is missing or cannot be read.", servlet(request), null);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String code = switch (ex) {
			case NoResourceFoundException e -> "not_found";
			case HttpRequestMethodNotSupportedException e -> "method_not_allowed";
			case HttpMediaTypeNotSupportedException e -> "unsupported_media_type";
			case HttpMediaTypeNotAcceptableException e -> "not_acceptable";
			case MissingServletRequestParameterException e -> "missing_parameter";
			case MissingRequestHeaderException e -> "missing_header";
			case MethodArgumentTypeMismatchException e -> "invalid_parameter";
			case MaxUploadSizeExceededException e -> "payload_too_large";
			case MultipartException e -> "invalid_multipart";
			default -> status.is5xxServerError() ? "internal_error" : "bad_request";
		};
		String detail = switch (ex) {
			case NoResourceFoundException e -> "No resource at this path.";
			case MethodArgumentTypeMismatchException e -> "Parameter '" + e.getName() + "' has an invalid value.";
			case MissingServletRequestParameterException e -> "Parameter '" + e.getParameterName() + "' is required.";
			default -> body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail()
					: HttpStatus.valueOf(status.value()).getReasonPhrase();
		};
		if (status.is5xxServerError()) {
			log.error("Request failed", ex);
		}
		ProblemDetail problem = Problems.of(status, code, HttpStatus.valueOf(status.value()).getReasonPhrase(),
				detail, servlet(request).getRequestURI());
		HttpHeaders out = new HttpHeaders();
		out.addAll(headers);
		out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(problem, out, status);
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String code, String title, String detail,
			HttpServletRequest request, @Nullable List<FieldError> errors) {
		ProblemDetail problem = Problems.of(status, code, title, detail, request.getRequestURI());
		if (errors != null) {
			Problems.withErrors(problem, errors);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpServletRequest servlet(WebRequest request) {
		return ((ServletWebRequest) request).getRequest();
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	private static String path(DatabindException ex) {
		StringBuilder sb = new StringBuilder();
		for (var ref : ex.getPath()) {
			if (ref.getPropertyName() != null) {
				if (!sb.isEmpty()) {
					sb.append('.');
				}
				sb.append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				sb.append('[').append(ref.getIndex()).append(']');
			}
		}
		return sb.toString();
	}

	private static String parameterName(ParameterValidationResult result) {
		String name = result.getMethodParameter().getParameterName();
		return name == null ? "parameter" : snake(name);
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return snake(dot < 0 ? path : path.substring(dot + 1));
	}

	static String snake(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	private static String constraintCode(@Nullable String constraint) {
		return constraint == null ? "invalid" : snake(constraint);
	}

	private static String message(@Nullable String message) {
		return message == null ? "invalid value" : message;
	}
}
