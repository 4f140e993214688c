package io.knowledgecloud;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.knowledgecloud.assistant.cli.EvaluateCommand;
import io.knowledgecloud.document.cli.ImportCommand;

/**
 * KnowledgeCloud: one deployable made of business modules (see docs/architecture.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "platform")
public class KnowledgeCloudApplication {

	/**
	 * Starts the server; {@code import …} runs the bulk import client instead (see
	 * {@link ImportCommand}) and {@code evaluate …} the answer evaluation client
	 * ({@link EvaluateCommand}), before and without any Spring context.
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("import")) {
			System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
			return;
		}
		if (args.length > 0 && args[0].equals("evaluate")) {
			System.exit(EvaluateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
			return;
		}
		SpringApplication.run(KnowledgeCloudApplication.class, args);
	}
}
