package io.knowledgecloud.platform.internal;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.knowledgecloud.platform.PlatformSettings;
import io.knowledgecloud.platform.Problems;

/**
 * Registers the platform's servlet filters in their fixed order around Spring Security
 * (which sits at -100): request id and body limit before it, rate limiting and idempotency
 * after it, because those key on the authenticated principal.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		var registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(PlatformSettings settings, Problems problems) {
		var registration = new FilterRegistrationBean<>(
				new BodyLimitFilter(settings.web().maxJsonBody().toBytes(), problems));
		registration.setOrder(-200);
		return registration;
	}

	@Bean(destroyMethod = "close")
	RateLimiter rateLimiter(PlatformSettings settings) {
		String url = settings.redis().url();
		return url == null || url.isBlank() ? new RateLimiter.InMemory() : new RateLimiter.InRedis(url, settings.redis().keyPrefix());
	}

	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimiter limiter, PlatformSettings settings,
			Problems problems) {
		var registration = new FilterRegistrationBean<>(new RateLimitFilter(limiter, settings.rateLimit(), problems));
		registration.addUrlPatterns("/api/*", "/v1/*");
		registration.setEnabled(settings.rateLimit().enabled());
		registration.setOrder(0);
		return registration;
	}

	@Bean
	FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, Problems problems) {
		var registration = new FilterRegistrationBean<>(new IdempotencyFilter(store, problems));
		registration.addUrlPatterns("/api/*", "/v1/*");
		registration.setOrder(10);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof java.util.Map<?, ?> vars
						&& vars.get("ws") instanceof String ws) {
					MDC.put("workspaceId", ws);
				}
				return true;
			}
		});
	}
}
