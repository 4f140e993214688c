package io.knowledgecloud.assistant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.IntegrationTest;

/** The {@code evaluate} command against a running server: a question set scored through the answer pipeline. */
@IntegrationTest
class EvaluateCommandIT {

	private final Api api;

	EvaluateCommandIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@Test
	void scoresAQuestionSetAndPrintsTheReport(@TempDir Path dir) throws Exception {
		Api.User owner = api.signUp("evaluate");
		String ws = api.createWorkspace(owner, "Evaluate");
		String tides = api.uploadIndexed(owner, ws, "tides.md",
				"# Tides\n\nThe gravity of the moon raises the tides of the oceans twice a day.");
		String bees = api.uploadIndexed(owner, ws, "bees.md",
				"# Bees\n\nHoney bees dance to tell each other where flowers are.");
		String key = api.post("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken())
			.json(Map.of("name", "evaluation", "scope", "admin"))
			.send()
			.get("secret");
		Path questions = dir.resolve("questions.jsonl");
		Files.writeString(questions, """
				{"question": "What raises the tides?", "relevant_document_ids": ["%s"]}

				{"question": "How do bees tell where flowers are?", "relevant_document_ids": ["%s"], "reference_answer": "They dance."}
				""".formatted(tides, bees));

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = EvaluateCommand.run(new String[] { "--url", "http://localhost:" + api.port(), "--api-key", key,
				"--workspace", ws, questions.toString() }, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));

		String report = out.toString(StandardCharsets.UTF_8);
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(report).contains("2 questions").containsPattern("retrieval hit rate\\s+1\\.000")
			.contains("citation precision").contains("What raises the tides?").contains("How do bees");
	}

	@Test
	void aKeyWithoutAdminScopeIsRefusedWithExitStatus3(@TempDir Path dir) throws Exception {
		Api.User owner = api.signUp("evaluate-read");
		String ws = api.createWorkspace(owner, "Evaluate read");
		String key = api.post("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken())
			.json(Map.of("name", "reader", "scope", "read"))
			.send()
			.get("secret");
		Path questions = dir.resolve("q.jsonl");
		Files.writeString(questions, "{\"question\": \"x?\", \"relevant_document_ids\": [\"" + java.util.UUID.randomUUID()
				+ "\"]}\n");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = EvaluateCommand.run(new String[] { "--url", "http://localhost:" + api.port(), "--api-key", key,
				"--workspace", ws, questions.toString() }, new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(status).isEqualTo(3);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("403").contains("insufficient_role");
	}
}
