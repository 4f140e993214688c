package io.knowledgecloud.assistant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The question file and the usage of the {@code evaluate} command, without a server. */
class EvaluateCommandTest {

	@Test
	void aBadLineIsNamedByItsNumber(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("q.jsonl");
		Files.writeString(file, "{\"question\": \"a?\", \"relevant_document_ids\": [\"x\"]}\nnot json\n");
		assertThatThrownBy(() -> EvaluateCommand.questions(file)).hasMessageContaining("line 2: not JSON");

		Files.writeString(file, "{\"question\": \"a?\"}\n");
		assertThatThrownBy(() -> EvaluateCommand.questions(file))
			.hasMessageContaining("line 1: no \"relevant_document_ids\"");

		Files.writeString(file, "\n\n");
		assertThatThrownBy(() -> EvaluateCommand.questions(file)).hasMessageContaining("holds no questions");
	}

	@Test
	void missingOptionsPrintTheUsageWithExitStatus2() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = EvaluateCommand.run(new String[] { "--url", "http://localhost:1" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(status).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: evaluate");
	}

	@Test
	void anUnreachableServerIsExitStatus3(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("q.jsonl");
		Files.writeString(file, "{\"question\": \"a?\", \"relevant_document_ids\": [\"x\"]}\n");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = EvaluateCommand.run(new String[] { "--url", "http://127.0.0.1:1", "--api-key", "kc_x",
				"--workspace", "w", file.toString() }, new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(status).isEqualTo(3);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot reach");
	}
}
