package io.knowledgecloud.platform.internal;

import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.knowledgecloud.platform.PlatformSettings;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI document's header, security schemes, the shared {@code Problem} schema, and the
 * error responses every operation can give; operations themselves come from the controllers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String PROBLEM_REF = "#/components/schemas/Problem";

	@Bean
	OpenAPI knowledgeCloudOpenApi(PlatformSettings settings) {
		return new OpenAPI()
			.info(new Info().title("KnowledgeCloud API")
				.version("v1")
				.description("Multi-tenant AI knowledge backend. Errors are RFC 9457 problem documents "
						+ "(application/problem+json) with a stable `code`; see docs/errors.md.")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
			.servers(List.of(new Server().url(settings.publicUrlOrLocalhost().toString())))
			.components(new Components().addSchemas("Problem", problemSchema())
				.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("Access token from POST /api/v1/auth/login"))
				.addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("kc_…")
					.description("Workspace API key (Authorization: Bearer kc_…)")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

	/**
	 * Schemas name their properties as the API writes and reads them: snake_case, the
	 * application's Jackson naming strategy. springdoc's schema resolver has a Jackson mapper of its
	 * own (swagger-core's, Jackson 2) that would otherwise describe every record in camelCase.
	 */
	@Bean
	io.swagger.v3.core.jackson.ModelResolver snakeCaseModelResolver() {
		return new io.swagger.v3.core.jackson.ModelResolver(io.swagger.v3.core.util.Json.mapper()
			.copy()
			.setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
	}

	/** Adds the error responses every endpoint can produce, unless the operation documents its own. */
	@Bean
	OpenApiCustomizer problemResponses() {
		Map<String, String> common = Map.of("400", "Invalid request (validation_failed, malformed_json, …)", "401",
				"Missing or invalid credentials (unauthenticated)", "413", "Body too large (payload_too_large)", "429",
				"Rate limited (rate_limited); see Retry-After", "500", "Unexpected error (internal_error)");
		return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
			common.forEach((status, description) -> {
				if (!operation.getResponses().containsKey(status)) {
					operation.getResponses().addApiResponse(status, new ApiResponse().description(description));
				}
			});
			// every error response, declared here or on the controller, has the problem shape
			operation.getResponses().forEach((status, response) -> {
				if (status.startsWith("4") || status.startsWith("5")) {
					response.setContent(problemContent());
				}
			});
		}));
	}

	private static Content problemContent() {
		return new Content().addMediaType("application/problem+json",
				new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		Schema fieldError = new ObjectSchema().addProperty("field", new StringSchema())
			.addProperty("code", new StringSchema())
			.addProperty("message", new StringSchema());
		return new ObjectSchema().description("RFC 9457 problem document")
			.addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema())
			.addProperty("code", new StringSchema().description("stable machine-readable error code"))
			.addProperty("request_id", new StringSchema())
			.addProperty("errors", new ArraySchema().items(fieldError));
	}
}
