package io.knowledgecloud.identity.internal;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import io.knowledgecloud.platform.KnowledgeCloudException;
import io.knowledgecloud.platform.PlatformSettings;
import io.knowledgecloud.platform.Problems;

/**
 * The HTTP security rules: stateless bearer authentication, public auth/docs/probe endpoints,
 * everything else authenticated; security headers; CORS from {@code kc.web.cors-allowed-origins}.
 * Fine-grained rules (roles in a workspace) live in each module's access checks.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AccessTokens tokens, Sessions sessions,
			ApiKeyStore apiKeys, Users users, Problems problems) throws Exception {
		http.csrf(csrf -> csrf.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.cors(cors -> {
			})
			.headers(headers -> headers
				.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
				.contentTypeOptions(c -> {
				})
				.frameOptions(f -> f.deny())
				.contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'"))
				.referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)))
			.authorizeHttpRequests(auth -> auth
				.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
				// the second dispatch of a streamed response (StreamingResponseBody, SSE) belongs to a
				// request that was authorized on its first dispatch; the bearer filter does not run again
				// then, so without this rule it was denied after the body had been sent and the
				// connection was left broken for the client's next request
				.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
				.requestMatchers("/api/v1/auth/signup", "/api/v1/auth/login", "/api/v1/auth/mfa",
						"/api/v1/auth/refresh")
				.permitAll()
				.requestMatchers("/.well-known/jwks.json", "/error").permitAll()
				// signed, expiring links: the token in the path is the credential (document module)
				.requestMatchers("/api/v1/blobs/*", "/api/v1/uploads/*").permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				// Only mapped when kc.bench.bare-endpoint=true (platform BareBenchmarkController); else 404.
				.requestMatchers("/bench/bare").permitAll()
				.anyRequest()
				.authenticated())
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader("WWW-Authenticate", "Bearer");
					write(problems, request, response, new Unauthenticated());
				})
				.accessDeniedHandler((request, response, ex) -> write(problems, request, response, new Denied())))
			.addFilterBefore(new BearerAuthenticationFilter(tokens, sessions, apiKeys, users),
					AnonymousAuthenticationFilter.class);
		return http.build();
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(PlatformSettings settings) {
		var source = new UrlBasedCorsConfigurationSource();
		List<String> origins = settings.web().corsAllowedOrigins();
		if (!origins.isEmpty()) {
			var config = new CorsConfiguration();
			config.setAllowedOrigins(origins);
			config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
			config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match",
					"If-None-Match", "X-Request-Id", "X-API-Key"));
			config.setExposedHeaders(List.of("ETag", "Location", "X-Request-Id", "RateLimit-Limit",
					"RateLimit-Remaining", "RateLimit-Reset", "Retry-After"));
			config.setMaxAge(3600L);
			source.registerCorsConfiguration("/**", config);
		}
		return source;
	}

	/**
	 * The CORS filter Spring Security uses (found by its bean name); a refused cross-origin
	 * request gets a problem document like every other error.
	 */
	@Bean
	CorsFilter corsFilter(CorsConfigurationSource corsConfigurationSource, Problems problems) {
		var filter = new CorsFilter(corsConfigurationSource);
		filter.setCorsProcessor(new DefaultCorsProcessor() {
			@Override
			protected void rejectRequest(ServerHttpResponse response) throws IOException {
				if (response instanceof ServletServerHttpResponse servlet) {
					problems.write(null, servlet.getServletResponse(), new CorsRefused());
				}
				else {
					super.rejectRequest(response);
				}
			}
		});
		return filter;
	}

	/** Only inside the security chain, not a second time as a plain servlet filter. */
	@Bean
	FilterRegistrationBean<CorsFilter> corsFilterRegistration(CorsFilter filter) {
		var registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	/**
	 * No Micrometer observation per security filter, per authorization and per authentication:
	 * profiled with JFR they cost more than the rest of an authenticated request. HTTP server
	 * observations (metrics and traces per request) stay on.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** No username/password form login exists; this stops Boot from creating a default user. */
	@Bean
	UserDetailsService noUserDetails() {
		return username -> {
			throw new UsernameNotFoundException("form login is disabled");
		};
	}

	private static void write(Problems problems, HttpServletRequest request, HttpServletResponse response,
			KnowledgeCloudException ex) throws IOException {
		problems.write(request, response, ex);
	}

	/** No valid credential was presented. */
	static final class Unauthenticated extends KnowledgeCloudException {

		Unauthenticated() {
			super(HttpStatus.UNAUTHORIZED, "unauthenticated",
					"A valid access token or API key is required (Authorization: Bearer …).");
		}
	}

	/** A cross-origin request from an origin that is not allowed. */
	static final class CorsRefused extends KnowledgeCloudException {

		CorsRefused() {
			super(HttpStatus.FORBIDDEN, "cors_origin_not_allowed", "This origin may not call the API.");
		}
	}

	/** Authenticated, but not allowed. */
	static final class Denied extends KnowledgeCloudException {

		Denied() {
			super(HttpStatus.FORBIDDEN, "forbidden", "You may not perform this action.");
		}
	}
}
