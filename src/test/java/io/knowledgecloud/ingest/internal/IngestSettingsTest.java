package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** {@code kc.ingest.lease}: 30 s by default, and a lease under a second (a busy heartbeat) stops the start-up. */
class IngestSettingsTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IngestSettings.class)
	static class Settings {
	}

	@Test
	void theLeaseIsThirtySecondsByDefault() {
		runner.run(context -> assertThat(context.getBean(IngestSettings.class).lease()).isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void aLeaseUnderASecondIsRefused() {
		runner.withPropertyValues("kc.ingest.lease=500ms").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("kc.ingest.lease");
		});
		runner.withPropertyValues("kc.ingest.lease=1s").run(context -> assertThat(context).hasNotFailed());
	}
}
