package io.knowledgecloud.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Answers on embedded defaults (extractive answerer): cited, checked, streamed, within the
 * caller's access rights, in conversations; bad input gets problem documents.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswersIT {

	@org.springframework.beans.factory.annotation.Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	private static final String PLANTS = "# Photosynthesis\n\nPlants convert sunlight into chemical energy through "
			+ "photosynthesis. Chlorophyll in the leaves absorbs red and blue light. The energy is stored as glucose, "
			+ "which the plant uses to grow.\n\nWater and carbon dioxide are the raw materials. Oxygen is released as a "
			+ "by-product of the reaction.";
	private static final String WHALES = "# Blue whales\n\nBlue whales are the largest animals that ever lived. An "
			+ "adult blue whale can live for 80 to 90 years. They feed almost only on krill.";
	private static final String SECRET = "# Merger\n\nThe confidential merger with Falcon Shipping closes in March. "
			+ "The purchase price of the merger is four billion euros.";

	private final Api api;
	private Api.User owner;
	private Api.User viewer;
	private String ws;
	private String plants;
	private String secret;

	AnswersIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeAll
	void documents() {
		owner = api.signUp("answers-owner");
		viewer = api.signUp("answers-viewer");
		ws = api.createWorkspace(owner, "Answers");
		api.addMember(owner, ws, viewer, "viewer");
		plants = upload("plants.md", PLANTS, Map.of());
		upload("whales.md", WHALES, Map.of());
		secret = upload("merger.md", SECRET, Map.of("allowed_users", owner.id()));
	}

	@Test
	void anAnswerQuotesItsSourcesAndEveryCitationIsChecked() {
		Response r = ask(viewer, Map.of("question", "How do plants store the energy of sunlight?"));
		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		JsonNode answer = r.json();
		assertThat(answer.path("answered").asBoolean()).isTrue();
		assertThat(answer.path("provider").asString()).isEqualTo("extractive");
		assertThat(answer.path("degraded").asBoolean()).isFalse();
		assertThat(answer.path("text").asString()).contains("glucose").containsPattern("\\[\\d+\\]");
		JsonNode citations = answer.path("citations");
		assertThat(citations).isNotEmpty();
		for (JsonNode c : citations) {
			assertThat(c.path("document_id").asString()).isEqualTo(plants);
			assertThat(c.path("supported").asBoolean()).isTrue();
			assertThat(c.path("support").asDouble()).as(answer.toString()).isEqualTo(1.0);
			assertThat(PLANTS).contains(c.path("quote").asString());
			assertThat(c.path("end_offset").asInt()).isGreaterThan(c.path("start_offset").asInt());
			assertThat(c.path("version").asInt()).isEqualTo(1);
		}
		assertThat(answer.path("sources").get(0).path("number").asInt()).isEqualTo(1);
		assertThat(answer.path("usage").path("input_tokens").asInt()).isPositive();
	}

	@Test
	void anUnansweredQuestionSaysSoPlainly() {
		JsonNode answer = ask(viewer, Map.of("question", "What is the boiling point of liquid nitrogen in Kelvin?"))
			.json();
		assertThat(answer.path("answered").asBoolean()).isFalse();
		assertThat(answer.path("citations")).isEmpty();
		assertThat(answer.path("text").asString()).contains("do not answer");
	}

	@Test
	void restrictedDocumentsNeverReachAnswersOfOthers() {
		Map<String, Object> q = Map.of("question", "When does the merger close and what is the purchase price?");
		JsonNode forViewer = ask(viewer, q).json();
		assertThat(forViewer.toString()).doesNotContain("Falcon").doesNotContain(secret);
		JsonNode forOwner = ask(owner, q).json();
		assertThat(forOwner.path("answered").asBoolean()).isTrue();
		assertThat(forOwner.path("citations").get(0).path("document_id").asString()).isEqualTo(secret);
	}

	@Test
	void theAnswerStreamsAsServerSentEvents() {
		Response r = api.post(base() + "/answers").token(viewer.accessToken())
			.header("Accept", "text/event-stream")
			.json(Map.of("question", "How do plants store the energy of sunlight?"))
			.send();
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("Content-Type")).startsWith("text/event-stream");
		List<String> events = new ArrayList<>();
		for (String line : r.text().split("\n")) {
			if (line.startsWith("event:")) {
				events.add(line.substring(6).strip());
			}
		}
		assertThat(events.getFirst()).isEqualTo("retrieval");
		assertThat(events).contains("token", "citation");
		assertThat(events.getLast()).isEqualTo("done");
		assertThat(events.indexOf("citation")).isGreaterThan(events.indexOf("token"));
	}

	@Test
	void conversationsFoldFollowUpsAndStayPrivate() {
		Response created = api.post(base() + "/conversations").token(viewer.accessToken())
			.json(Map.of("title", "Whales"))
			.send();
		assertThat(created.status()).isEqualTo(201);
		String id = created.get("id");
		ask(viewer, Map.of("question", "Which animal is the largest that ever lived?", "conversation_id", id));
		JsonNode followUp = ask(viewer, Map.of("question", "How long do they live?", "conversation_id", id)).json();
		assertThat(followUp.path("standalone_question").asString()).contains("largest").contains("How long");
		assertThat(followUp.path("text").asString()).contains("80 to 90 years");
		JsonNode messages = api.get(base() + "/conversations/" + id + "/messages").token(viewer.accessToken())
			.send()
			.json()
			.path("items");
		assertThat(messages).hasSize(4);
		assertThat(messages.get(3).path("role").asString()).isEqualTo("assistant");
		assertThat(messages.get(3).path("citations")).isNotEmpty();
		assertThat(api.get(base() + "/conversations/" + id).token(owner.accessToken()).send().code())
			.isEqualTo("conversation_not_found");
		assertThat(ask(owner, Map.of("question", "More?", "conversation_id", id)).code())
			.isEqualTo("conversation_not_found");
		assertThat(api.get(base() + "/conversations").token(viewer.accessToken()).send().json().path("items"))
			.hasSize(1);
		assertThat(api.delete(base() + "/conversations/" + id).token(viewer.accessToken()).send().status())
			.isEqualTo(204);
		assertThat(api.get(base() + "/conversations/" + id).token(viewer.accessToken()).send().status()).isEqualTo(404);
	}

	@Test
	void aNearlyIdenticalQuestionReusesTheAnswerUntilACitedDocumentChanges() {
		String doc = upload("tea.md", "# Tea\n\nGreen tea is steeped at about 80 degrees Celsius for two minutes. "
				+ "Black tea needs boiling water.", Map.of());
		double hits = meters.counter("kc.assistant.semantic.cache", "result", "hit").count();
		double misses = meters.counter("kc.assistant.semantic.cache", "result", "miss").count();
		JsonNode first = ask(viewer, Map.of("question", "At what temperature is green tea steeped?")).json();
		assertThat(first.path("cached").asBoolean()).isFalse();
		JsonNode second = ask(viewer, Map.of("question", "At which temperature is green tea steeped?")).json();
		assertThat(second.path("cached").asBoolean()).isTrue();
		assertThat(meters.counter("kc.assistant.semantic.cache", "result", "hit").count() - hits).isEqualTo(1.0);
		assertThat(meters.counter("kc.assistant.semantic.cache", "result", "miss").count() - misses).isEqualTo(1.0);
		assertThat(second.path("text").asString()).isEqualTo(first.path("text").asString());
		// another access scope does not share it
		assertThat(ask(owner, Map.of("question", "At which temperature is green tea steeped?")).json().path("cached")
			.asBoolean()).isFalse();
		Response v2 = api.put(base() + "/documents/" + doc + "/content").token(owner.accessToken())
			.multipart("tea.md", "# Tea\n\nGreen tea is steeped at about 75 degrees Celsius for three minutes."
				.getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(v2.status()).isEqualTo(202);
		JsonNode[] last = new JsonNode[1];
		JsonNode after;
		try {
			after = Api.eventually(Duration.ofSeconds(60), () -> {
				JsonNode a = ask(viewer, Map.of("question", "At which temperature is green tea steeped?")).json();
				last[0] = a;
				return a.path("text").asString().contains("75 degrees") ? a : null;
			});
		}
		catch (AssertionError e) {
			throw new AssertionError("last answer " + last[0] + "; document "
					+ api.get(base() + "/documents/" + doc).token(owner.accessToken()).send().text(), e);
		}
		assertThat(after.path("cached").asBoolean()).isFalse();
	}

	@Test
	void theQuestionVectorOfTheCacheLookUpIsTheSearchsQueryVector() {
		// a tag no document has: nothing is found, so only the look-up and the search could embed
		long embedded = queryEmbeddings();
		JsonNode answer = ask(viewer, Map.of("question", "Which grape varieties grow on volcanic soil?", "tags",
				List.of("no-document-has-this-tag"))).json();
		assertThat(answer.path("sources")).isEmpty();
		assertThat(queryEmbeddings() - embedded).isEqualTo(1);
	}

	@Test
	void aQuestionIsEmbeddedOnceInAConversationToo() {
		// a conversation's question is embedded as its standalone question, not also as asked
		String id = api.post(base() + "/conversations").token(viewer.accessToken())
			.json(Map.of("title", "Grapes"))
			.send()
			.get("id");
		Map<String, Object> tags = Map.of("conversation_id", id, "tags", List.of("no-document-has-this-tag"));
		for (String question : List.of("Which grape varieties grow on volcanic soil?", "And on chalk?")) {
			long embedded = queryEmbeddings();
			var body = new java.util.HashMap<String, Object>(tags);
			body.put("question", question);
			assertThat(ask(viewer, body).json().path("sources")).isEmpty();
			assertThat(queryEmbeddings() - embedded).as(question).isEqualTo(1);
		}
	}

	private long queryEmbeddings() {
		return meters.find("embedding.query").timers().stream().mapToLong(t -> t.count()).sum();
	}

	@Test
	void usageIsLedgeredAndLimitsAreAdminOnly() {
		ask(viewer, Map.of("question", "What do blue whales eat?"));
		Response usage = api.get(base() + "/usage").token(owner.accessToken()).send();
		assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
		assertThat(usage.json().path("requests").asLong()).isPositive();
		assertThat(usage.json().path("input_tokens").asLong()).isPositive();
		assertThat(usage.json().path("rows").get(0).path("model").asString()).isEqualTo("extractive-v1");
		assertThat(api.get(base() + "/usage").token(viewer.accessToken()).send().code()).isEqualTo("insufficient_role");
		assertThat(api.get(base() + "/usage?from=2026-02-01&to=2026-01-01").token(owner.accessToken()).send().code())
			.isEqualTo("invalid_date_range");
		Map<String, Object> limits = Map.of("monthly_budget", 5, "over_budget", "extractive", "requests_per_minute", 30);
		assertThat(api.put(base() + "/assistant/limits").token(viewer.accessToken()).json(limits).send().status())
			.isEqualTo(403);
		assertThat(api.put(base() + "/assistant/limits").token(owner.accessToken())
			.json(Map.of("over_budget", "sometimes"))
			.send()
			.status()).isEqualTo(400);
		assertThat(api.put(base() + "/assistant/limits").token(owner.accessToken()).json(limits).send().status())
			.isEqualTo(200);
		JsonNode read = api.get(base() + "/assistant/limits").token(viewer.accessToken()).send().json();
		assertThat(read.path("over_budget").asString()).isEqualTo("extractive");
		assertThat(read.path("requests_per_minute").asInt()).isEqualTo(30);
	}

	@Test
	void promptTemplatesAreVersionedValidatedAndPreviewed() {
		String prompt = base() + "/assistant/prompt";
		JsonNode builtin = api.get(prompt).token(viewer.accessToken()).send().json();
		assertThat(builtin.path("builtin").asBoolean()).isTrue();
		assertThat(builtin.path("system").asString()).contains("{{sources}}");
		Map<String, String> mine = Map.of("system", "Answer as a botanist. Sources:\n{{sources}}", "user",
				"Question: {{question}}");
		assertThat(api.put(prompt).token(viewer.accessToken()).json(mine).send().status()).isEqualTo(403);
		assertThat(api.put(prompt).token(owner.accessToken())
			.json(Map.of("system", "No sources here", "user", "{{question}}"))
			.send()
			.code()).isEqualTo("invalid_template");
		assertThat(api.put(prompt).token(owner.accessToken())
			.json(Map.of("system", "{{sources}} {{secrets}}", "user", "{{question}}"))
			.send()
			.code()).isEqualTo("invalid_template");
		JsonNode saved = api.put(prompt).token(owner.accessToken()).json(mine).send().json();
		assertThat(saved.path("version").asInt()).isEqualTo(1);
		assertThat(api.put(prompt).token(owner.accessToken()).json(mine).send().json().path("version").asInt())
			.isEqualTo(2);
		JsonNode preview = api.post(prompt + "/preview").token(owner.accessToken())
			.json(Map.of("question", "How do plants store energy? {{workspace}}"))
			.send()
			.json();
		assertThat(preview.path("template_version").asInt()).isEqualTo(2);
		assertThat(preview.path("messages").get(0).path("content").asString()).startsWith("Answer as a botanist.")
			.contains("[1] plants.md");
		// a variable inside user text is not expanded
		assertThat(preview.path("messages").get(1).path("content").asString())
			.isEqualTo("Question: How do plants store energy? {{workspace}}");
		assertThat(api.get(prompt + "/versions").token(viewer.accessToken()).send().json()).hasSize(2);
		assertThat(api.delete(prompt).token(owner.accessToken()).send().json().path("builtin").asBoolean()).isTrue();
	}

	@Test
	void badInputGetsAProblemDocument() {
		assertThat(ask(viewer, Map.of("question", "  ")).code()).isEqualTo("question_required");
		assertThat(ask(viewer, Map.of("question", "x".repeat(4001))).code()).isEqualTo("question_too_long");
		assertThat(ask(viewer, Map.of("question", "x", "conversation_id", "not-a-uuid")).status()).isEqualTo(400);
		assertThat(ask(viewer, Map.of("question", 42)).status()).isEqualTo(400);
		assertThat(ask(viewer, Map.of()).status()).isEqualTo(400);
		assertThat(api.post(base() + "/answers").token(viewer.accessToken()).raw("{\"question\": ", "application/json")
			.send()
			.status()).isEqualTo(400);
		Api.User stranger = api.signUp("answers-stranger");
		assertThat(ask(stranger, Map.of("question", "photosynthesis")).code()).isEqualTo("workspace_not_found");
		assertThat(api.post(base() + "/answers").json(Map.of("question", "x")).send().status()).isEqualTo(401);
		Response streamed = api.post(base() + "/answers").token(viewer.accessToken())
			.header("Accept", "text/event-stream")
			.json(Map.of("question", ""))
			.send();
		assertThat(streamed.status()).isEqualTo(400);
		assertThat(streamed.code()).isEqualTo("question_required");
	}

	private Response ask(Api.User user, Map<String, ?> body) {
		return api.post(base() + "/answers").token(user.accessToken()).json(body).send();
	}

	private String upload(String name, String content, Map<String, String> fields) {
		Response r = api.post(base() + "/documents").token(owner.accessToken())
			.multipart(name, content.getBytes(StandardCharsets.UTF_8), fields)
			.send();
		assertThat(r.status()).as(r.toString()).isEqualTo(202);
		String id = r.get("id");
		Api.eventually(Duration.ofSeconds(90), () -> "INDEXED"
			.equals(api.get(base() + "/documents/" + id).token(owner.accessToken()).send().get("status")) ? true : null);
		return id;
	}

	private String base() {
		return "/api/v1/workspaces/" + ws;
	}
}
