package io.knowledgecloud.platform.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI document's header and security schemes; operations come from the controllers. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI knowledgeCloudOpenApi() {
		return new OpenAPI()
			.info(new Info().title("KnowledgeCloud API")
				.version("v1")
				.description("Multi-tenant AI knowledge backend. Errors are RFC 9457 problem documents "
						+ "(application/problem+json) with a stable `code`; see docs/errors.md.")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
			.components(new Components()
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
}
