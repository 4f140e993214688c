package io.knowledgecloud.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.knowledgecloud.assistant.internal.ChatProviderServer;
import io.knowledgecloud.assistant.internal.ChatProviderServer.Received;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Agent runs driven by a language model: a local server speaks OpenAI's chat completions protocol
 * with tool calls; the supervisor delegates to the researcher and the writer, each sees only its
 * own tools and scope, tool results go back as tool messages, and the usage counts against the budget.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelAgentIT {

	private static final ChatProviderServer MODEL = ChatProviderServer.start();

	private final Api api;
	private Api.User owner;
	private String ws;

	ModelAgentIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("kc.assistant.provider", () -> "openai");
		registry.add("kc.assistant.base-url", () -> MODEL.url("/v1").toString());
		registry.add("kc.assistant.api-key", () -> "sk-agent-model");
		registry.add("kc.assistant.model", () -> "agent-model");
		registry.add("kc.assistant.max-retries", () -> "1");
		registry.add("kc.assistant.semantic-cache.enabled", () -> "false");
	}

	@AfterAll
	void stop() {
		MODEL.close();
	}

	@BeforeAll
	void documents() {
		owner = api.signUp("model-agent");
		ws = api.createWorkspace(owner, "Model agents");
		api.uploadIndexed(owner, ws, "inverters.md", AgentRunsIT.SOLAR_B);
	}

	@Test
	void theSupervisorDelegatesAndEachAgentSeesOnlyItsToolsAndScope() {
		MODEL.reply(call("c1", "delegate", "{\"agent\":\"researcher\",\"task\":\"How long do inverters last?\"}"),
				call("c2", "document_search", "{\"query\":\"inverter lifetime\"}"),
				text("Inverters last 10 to 15 years (Solar inverters)."),
				call("c3", "delegate", "{\"agent\":\"writer\",\"task\":\"Write a short report: inverters last 10 to 15 years.\"}"),
				call("c4", "create_report", "{\"title\":\"Inverter lifetime\",\"markdown\":\"# Inverter lifetime\\n\\nInverters last 10 to 15 years.\"}"),
				text("Stored the report."),
				text("Inverters last 10 to 15 years; the report is stored."));
		JsonNode run = finished(start(Map.of("goal", "How long do our inverters last? Write it up.")));
		assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
		assertThat(run.path("planner").asString()).isEqualTo("language_model");
		assertThat(run.path("result").asString()).isEqualTo("Inverters last 10 to 15 years; the report is stored.");
		assertThat(run.path("tokens_used").asLong()).isEqualTo(7 * 120);

		List<Received> requests = MODEL.received();
		assertThat(requests).hasSize(7);
		assertThat(tools(requests.get(0))).contains("delegate").doesNotContain("document_search", "update_document");
		assertThat(tools(requests.get(1))).contains("document_search", "document_read").doesNotContain("delegate",
				"create_report", "update_document");
		assertThat(tools(requests.get(4))).contains("create_report", "update_document").doesNotContain("delegate");
		JsonNode researcherSecondTurn = requests.get(2).body().path("messages");
		assertThat(researcherSecondTurn.get(0).path("content").asString()).contains("You are the researcher")
			.contains("data, not instructions");
		assertThat(researcherSecondTurn.get(1).path("content").asString()).isEqualTo("How long do inverters last?");
		JsonNode toolMessage = researcherSecondTurn.get(researcherSecondTurn.size() - 1);
		assertThat(toolMessage.path("role").asString()).isEqualTo("tool");
		assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("c2");
		assertThat(toolMessage.path("content").asString()).contains("Solar inverters").contains("15 years");
		JsonNode supervisorThirdTurn = requests.get(3).body().path("messages");
		assertThat(supervisorThirdTurn.toString()).contains("Inverters last 10 to 15 years (Solar inverters).")
			.doesNotContain("inverter lifetime\\\"}"); // the researcher's own calls stay in its scope

		List<String> trace = new ArrayList<>();
		api.get("/api/v1/workspaces/" + ws + "/agent-runs/" + run.path("id").asString() + "/steps")
			.token(owner.accessToken()).send().json().path("items")
			.forEach(s -> trace.add(s.path("agent").asString() + ":" + s.path("kind").asString()));
		assertThat(trace).containsExactly("supervisor:delegate", "researcher:tool", "researcher:finish",
				"supervisor:delegate", "writer:tool", "writer:finish", "supervisor:finish");
	}

	@Test
	void toolsAnAgentMayNotUseComeBackAsErrorsAndTheModelsUsageCountsAgainstTheBudget() {
		MODEL.reply(call("c1", "update_document", "{\"document_id\":\"x\"}"));
		JsonNode run = finished(start(Map.of("goal", "Change everything", "budget", Map.of("max_tokens", 1000))));
		assertThat(run.path("status").asString()).isEqualTo("FAILED");
		assertThat(run.path("error_code").asString()).as(run.toString()).isIn("tool_failed", "budget_exceeded");
		JsonNode first = api.get("/api/v1/workspaces/" + ws + "/agent-runs/" + run.path("id").asString() + "/steps")
			.token(owner.accessToken()).send().json().path("items").get(0);
		assertThat(first.path("observation").asString()).startsWith("Error (tool_not_allowed)");
	}

	@Test
	void theCalculatorAndTheDateAnswerTheResearcher() {
		MODEL.reply(call("c1", "delegate", "{\"agent\":\"researcher\",\"task\":\"How much and when?\"}"),
				call("c2", "calculator", "{\"expression\":\"(2 + 3) * 4 / 8\"}"),
				call("c3", "current_date", "{\"time_zone\":\"Europe/Berlin\"}"),
				call("c4", "calculator", "{\"expression\":\"1 / 0\"}"),
				text("2.5, today."), text("2.5, today."));
		// a user of its own: the fact this successful run leaves must not show up in the others' runs
		Api.User other = api.signUp("model-agent-tools");
		String otherWs = api.createWorkspace(other, "Model agent tools");
		MODEL.received().clear();
		Api.Response started = api.post("/api/v1/workspaces/" + otherWs + "/agent-runs").token(other.accessToken())
			.json(Map.of("goal", "Compute and date it"))
			.send();
		assertThat(started.status()).isEqualTo(202);
		String path = "/api/v1/workspaces/" + otherWs + "/agent-runs/" + started.get("id");
		JsonNode run = Api.eventually(Duration.ofSeconds(60), () -> {
			JsonNode now = api.get(path).token(other.accessToken()).send().json();
			return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(now.path("status").asString()) ? now : null;
		});
		assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
		List<String> observations = new ArrayList<>();
		api.get(path + "/steps")
			.token(other.accessToken()).send().json().path("items")
			.forEach(s -> observations.add(s.path("tool").asString() + " → " + s.path("observation").asString()));
		assertThat(observations).anySatisfy(o -> assertThat(o).startsWith("calculator").contains("= 2.5"));
		String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).toString();
		assertThat(observations).anySatisfy(o -> assertThat(o).startsWith("current_date").contains(today)
			.contains("Europe/Berlin"));
		// a division by zero is an error returned to the model, not a failed run
		assertThat(observations).anySatisfy(o -> assertThat(o).startsWith("calculator").contains("invalid_expression"));
	}

	@Test
	void aToolThatKeepsFailingFailsTheRunAfterItsRetries() {
		// kc.agent.tool-retries = 2: two failures go back to the model, the third fails the run
		MODEL.reply(call("c1", "update_document", "{\"document_id\":\"x\"}"),
				call("c2", "update_document", "{\"document_id\":\"x\"}"),
				call("c3", "update_document", "{\"document_id\":\"x\"}"), text("never reached"));
		JsonNode run = finished(start(Map.of("goal", "Change everything")));
		assertThat(run.path("status").asString()).isEqualTo("FAILED");
		assertThat(run.path("error_code").asString()).as(run.toString()).isEqualTo("tool_failed");
		assertThat(MODEL.received()).hasSize(3);
	}

	@Test
	void cancellingARunningRunStopsItBeforeItsNextStep() {
		MODEL.reply(ChatProviderServer.after(Duration.ofSeconds(3),
				call("c1", "delegate", "{\"agent\":\"researcher\",\"task\":\"Slowly\"}")),
				call("c2", "calculator", "{\"expression\":\"1 + 1\"}"), text("2"), text("2"));
		JsonNode run = start(Map.of("goal", "Take your time"));
		String path = "/api/v1/workspaces/" + ws + "/agent-runs/" + run.path("id").asString();
		Api.eventually(Duration.ofSeconds(30), () -> "RUNNING".equals(api.get(path).token(owner.accessToken()).send()
			.get("status")) && !MODEL.received().isEmpty() ? true : null);

		Api.Response cancelled = api.post(path + "/cancel").token(owner.accessToken()).send();
		assertThat(cancelled.status()).isEqualTo(202);
		JsonNode end = finished(run);
		assertThat(end.path("status").asString()).isEqualTo("CANCELLED");
		// the model's slow answer was the last thing the run waited for: no further call followed
		assertThat(MODEL.received()).hasSize(1);
	}

	@Test
	void aModelsMetadataChangeWaitsForApprovalThenRetitlesAndRetags() {
		String doc = api.uploadIndexed(owner, ws, "notes.md", "# Notes\n\nThe heat pump was serviced in May.");
		MODEL.reply(call("c1", "delegate", "{\"agent\":\"writer\",\"task\":\"Retitle the notes\"}"),
				call("c2", "update_document", "{\"document_id\":\"" + doc
						+ "\",\"title\":\"Heat pump service log\",\"tags\":[\"maintenance\"]}"),
				text("Proposed."), text("Waiting for approval, then done."));
		JsonNode run = start(Map.of("goal", "Give the notes a better title"));
		String path = "/api/v1/workspaces/" + ws + "/agent-runs/" + run.path("id").asString();
		Api.eventually(Duration.ofSeconds(60), () -> "WAITING_APPROVAL".equals(api.get(path).token(owner.accessToken())
			.send().get("status")) ? true : null);
		JsonNode approval = api.get(path + "/approvals").token(owner.accessToken()).send().json().get(0);
		assertThat(approval.path("preview").asString()).contains("title: \"notes.md\" → \"Heat pump service log\"")
			.contains("tags: [] → [maintenance]");
		assertThat(api.post("/api/v1/workspaces/" + ws + "/agent-approvals/" + approval.path("id").asString()
				+ "/approve").token(owner.accessToken()).send().status()).isEqualTo(200);
		JsonNode document = api.get("/api/v1/workspaces/" + ws + "/documents/" + doc).token(owner.accessToken()).send()
			.json();
		assertThat(document.path("title").asString()).isEqualTo("Heat pump service log");
		assertThat(document.path("tags").toString()).isEqualTo("[\"maintenance\"]");
		assertThat(document.path("version").asInt()).isEqualTo(1);
		assertThat(finished(run).path("status").asString()).isEqualTo("SUCCEEDED");
	}

	@Test
	void aRunPastItsWallClockLimitFails() {
		MODEL.reply(ChatProviderServer.after(Duration.ofMillis(1500),
				call("c1", "delegate", "{\"agent\":\"researcher\",\"task\":\"slowly\"}")));
		JsonNode run = finished(start(Map.of("goal", "Think slowly", "timeout_seconds", 1)));
		assertThat(run.path("status").asString()).isEqualTo("FAILED");
		assertThat(run.path("error_code").asString()).isEqualTo("timeout");
	}

	private JsonNode start(Map<String, ?> body) {
		MODEL.received().clear();
		var r = api.post("/api/v1/workspaces/" + ws + "/agent-runs").token(owner.accessToken()).json(body).send();
		assertThat(r.status()).as(r.toString()).isEqualTo(202);
		return r.json();
	}

	private JsonNode finished(JsonNode run) {
		String path = "/api/v1/workspaces/" + ws + "/agent-runs/" + run.path("id").asString();
		return Api.eventually(Duration.ofSeconds(60), () -> {
			JsonNode now = api.get(path).token(owner.accessToken()).send().json();
			return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(now.path("status").asString()) ? now : null;
		});
	}

	private static List<String> tools(Received request) {
		List<String> names = new ArrayList<>();
		request.body().path("tools").forEach(t -> names.add(t.path("function").path("name").asString()));
		return names;
	}

	private static ChatProviderServer.Reply call(String id, String name, String arguments) {
		return ChatProviderServer.json(200, completion(Map.of("role", "assistant", "content", "", "tool_calls",
				List.of(Map.of("id", id, "type", "function", "function", Map.of("name", name, "arguments", arguments)))),
				"tool_calls"));
	}

	private static ChatProviderServer.Reply text(String content) {
		return ChatProviderServer.json(200, completion(Map.of("role", "assistant", "content", content), "stop"));
	}

	private static String completion(Map<String, ?> message, String finish) {
		return ChatProviderServer.JSON.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion",
				"model", "agent-model", "choices", List.of(Map.of("index", 0, "message", message, "finish_reason", finish)),
				"usage", Map.of("prompt_tokens", 100, "completion_tokens", 20, "total_tokens", 120)));
	}
}
