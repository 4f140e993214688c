package io.knowledgecloud;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * KnowledgeCloud: one deployable made of business modules (see docs/architecture.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "platform")
public class KnowledgeCloudApplication {

	public static void main(String[] args) {
		SpringApplication.run(KnowledgeCloudApplication.class, args);
	}
}
