package io.knowledgecloud.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.embedding.Embeddings;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import io.knowledgecloud.workspace.WorkspaceId;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Search through the HTTP API: keyword, vector and hybrid modes, filters, facets, snippets,
 * collapse, paging, related documents, the query cache, fusion settings, bad input, and above all
 * that no mode, count or facet shows a document the caller may not see.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {

	private static final String SOLAR = "# Solar power\n\nPhotovoltaic panels convert sunlight directly into "
			+ "electricity. Rooftop arrays feed the grid at noon. Inverters turn direct current into alternating "
			+ "current for homes.";
	private static final String WHALES = "# Whales\n\nBlue whales are the largest animals that ever lived. They "
			+ "feed on krill and migrate between polar waters and the tropics to breed.";
	private static final String SECRET = "# Project note\n\nThe confidential merger codename is Falcon. Nobody "
			+ "outside the deal team may learn that Falcon means the acquisition of a shipping company.";
	private static final String BREAD = "# Baking\n\nSourdough bread rises slowly because wild yeast ferments the "
			+ "dough overnight. A hot oven gives the loaf its crust.";

	private final Api api;
	@Autowired
	MeterRegistry meters;
	@Autowired
	Search search;
	@Autowired
	Embeddings embeddings;
	private Api.User owner;
	private Api.User editor;
	private Api.User viewer;
	private Api.User outsider;
	private String ws;
	private String otherWs;
	private String solar;
	private String whales;
	private String secret;
	private String bread;

	SearchIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeAll
	void documents() {
		owner = api.signUp("search-owner");
		editor = api.signUp("search-editor");
		viewer = api.signUp("search-viewer");
		outsider = api.signUp("search-outsider");
		ws = api.createWorkspace(owner, "Search");
		api.addMember(owner, ws, editor, "editor");
		api.addMember(owner, ws, viewer, "viewer");
		otherWs = api.createWorkspace(outsider, "Elsewhere");
		solar = upload(owner, ws, "solar.md", SOLAR, Map.of("tags", "energy,science", "collection", "reports"));
		whales = upload(owner, ws, "whales.md", WHALES, Map.of("tags", "biology,science"));
		secret = upload(owner, ws, "secret.md", SECRET, Map.of("allowed_users", editor.id(), "tags", "deal"));
		bread = upload(owner, ws, "bread.md", BREAD, Map.of());
		upload(outsider, otherWs, "falcon.md", SECRET.replace("shipping", "railway"), Map.of());
		for (String id : List.of(solar, whales, secret, bread)) {
			awaitIndexed(owner, ws, id);
		}
	}

	@Test
	void keywordModeFindsExactWordsAndHighlightsThem() {
		JsonNode hits = search(owner, "q=photovoltaic&mode=keyword").json().path("items");
		assertThat(hits).hasSize(1);
		JsonNode hit = hits.get(0);
		assertThat(hit.path("document_id").asString()).isEqualTo(solar);
		assertThat(hit.path("title").asString()).isEqualTo("solar.md");
		String snippet = hit.path("snippet").asString();
		JsonNode range = hit.path("highlights").get(0);
		assertThat(snippet.substring(range.path("start").asInt(), range.path("end").asInt())).isEqualTo("Photovoltaic");
		assertThat(hit.path("text").isMissingNode()).isTrue();
	}

	@Test
	void aCallerThatReadsWholeChunksSkipsSnippetsAndReusesItsQueryVector() {
		var me = new CurrentUser(new UserId(UUID.fromString(owner.id())), owner.email(), null, null);
		var space = new WorkspaceId(UUID.fromString(ws));
		String text = "krill eating giants of the polar seas";
		var known = QueryVector.of(text, embeddings.modelId(), embeddings.embedQuery(text));
		long before = queryEmbeddings();
		SearchHit hit = search.search(space, me, query(text, false), known).hits().getFirst();
		assertThat(queryEmbeddings()).isEqualTo(before);
		assertThat(hit.documentId().toString()).isEqualTo(whales);
		assertThat(hit.text()).contains("krill");
		assertThat(hit.snippet()).isEmpty();
		assertThat(hit.highlights()).isEmpty();
		// a vector of another text is not taken for this one
		String other = "krill eating giants of the warm seas";
		hit = search.search(space, me, query(other, true), known).hits().getFirst();
		assertThat(queryEmbeddings()).isEqualTo(before + 1);
		assertThat(hit.snippet()).contains("krill");
		assertThat(hit.highlights()).isNotEmpty();
	}

	private static SearchQuery query(String text, boolean snippets) {
		return new SearchQuery(text, SearchMode.HYBRID, 5, null, List.of(), List.of(), List.of(), null, null, Set.of(),
				Collapse.DUPLICATES, false, false, false, snippets);
	}

	private long queryEmbeddings() {
		return meters.find("embedding.query").timers().stream().mapToLong(t -> t.count()).sum();
	}

	@Test
	void vectorModeFindsMeaningWithoutSharedWords() {
		JsonNode hits = search(owner, "q=" + enc("biggest creature in the sea") + "&mode=vector").json().path("items");
		assertThat(hits.get(0).path("document_id").asString()).isEqualTo(whales);
		assertThat(hits.get(0).path("snippet").asString()).isNotBlank();
	}

	@Test
	void hybridModeExplainsBothRankings() {
		JsonNode hits = search(owner, "q=" + enc("sunlight electricity panels") + "&explain=true").json().path("items");
		JsonNode first = hits.get(0);
		assertThat(first.path("document_id").asString()).isEqualTo(solar);
		JsonNode explain = first.path("explain");
		assertThat(explain.path("keyword_rank").asInt()).isEqualTo(1);
		assertThat(explain.path("vector_rank").asInt()).isEqualTo(1);
		assertThat(explain.path("fusion").asString()).isEqualTo("rrf");
		assertThat(explain.path("fused_score").asDouble()).isPositive();
	}

	@Test
	void filtersNarrowEveryMode() {
		for (String mode : List.of("keyword", "vector", "hybrid")) {
			String q = "q=" + enc("whales sunlight bread") + "&mode=" + mode + "&collapse=document";
			assertThat(documentIds(search(owner, q + "&tag=biology"))).containsExactly(whales);
			assertThat(documentIds(search(owner, q + "&collection=reports"))).containsExactly(solar);
			assertThat(documentIds(search(owner, q + "&tag=biology&tag=energy"))).containsExactlyInAnyOrder(whales,
					solar);
			assertThat(documentIds(search(owner, q + "&document=" + bread))).containsExactly(bread);
			assertThat(documentIds(search(owner, q + "&type=application/pdf"))).isEmpty();
			assertThat(documentIds(search(owner, q + "&from=2999-01-01T00:00:00Z"))).isEmpty();
			assertThat(documentIds(search(owner, q + "&to=2000-01-01T00:00:00Z"))).isEmpty();
		}
		assertThat(search(owner, "q=x&from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z").code())
			.isEqualTo("invalid_date_range");
	}

	@Test
	void facetsCountDistinctDocumentsOverAllCandidates() {
		JsonNode facets = search(owner, "q=" + enc("whales sunlight") + "&mode=keyword&facets=true").json()
			.path("facets");
		assertThat(facetCount(facets, "tag", "science")).isEqualTo(2);
		assertThat(facetCount(facets, "tag", "energy")).isEqualTo(1);
		assertThat(facetCount(facets, "collection", "reports")).isEqualTo(1);
		assertThat(facetCount(facets, "media_type", "text/markdown")).isEqualTo(2);
		assertThat(facets.path("year").get(0).path("count").asInt()).isEqualTo(2);
	}

	@Test
	void noModeCountOrFacetShowsARestrictedDocumentToOthers() {
		for (String mode : List.of("keyword", "vector", "hybrid")) {
			String q = "q=" + enc("Falcon merger codename") + "&mode=" + mode + "&facets=true&collapse=document";
			Response asViewer = search(viewer, q);
			assertThat(documentIds(asViewer)).doesNotContain(secret);
			assertThat(asViewer.text()).doesNotContain("Falcon").doesNotContain("deal");
			assertThat(documentIds(search(editor, q))).contains(secret);
			assertThat(documentIds(search(owner, q))).contains(secret);
			Response outside = search(outsider, q, otherWs);
			assertThat(documentIds(outside)).isNotEmpty().doesNotContain(secret, solar, whales, bread);
			assertThat(search(outsider, q).status()).isEqualTo(404);
			assertThat(search(outsider, q).code()).isEqualTo("workspace_not_found");
		}
		// the restricted document cannot be reached by id filters or related either
		assertThat(documentIds(search(viewer, "q=Falcon&mode=keyword&document=" + secret))).isEmpty();
		assertThat(api.get(base(ws) + "/documents/" + secret + "/related").token(viewer.accessToken()).send().code())
			.isEqualTo("document_not_found");
		assertThat(api.get(base(otherWs) + "/documents/" + secret + "/related").token(outsider.accessToken())
			.send()
			.code()).isEqualTo("document_not_found");
	}

	@Test
	void accessChangesAndDeletesReachSearchAtOnceDespiteTheCache() {
		String doc = upload(owner, ws, "memo.md", "# Memo\n\nThe quarterly zeppelin inventory is complete.",
				Map.of("allowed_users", editor.id()));
		awaitIndexed(owner, ws, doc);
		String q = "q=zeppelin&mode=keyword";
		assertThat(documentIds(search(viewer, q))).isEmpty();
		assertThat(documentIds(search(viewer, q))).isEmpty();
		patch(doc, Map.of("restricted", false, "allowed_users", List.of()));
		Api.eventually(Duration.ofSeconds(20), () -> documentIds(search(viewer, q)).contains(doc) ? true : null);
		patch(doc, Map.of("restricted", true, "allowed_users", List.of()));
		Api.eventually(Duration.ofSeconds(20), () -> documentIds(search(viewer, q)).isEmpty() ? true : null);
		// restricted with nobody listed: the uploader and admins still see it, members do not
		assertThat(documentIds(search(owner, q))).containsExactly(doc);
		assertThat(documentIds(search(editor, q))).isEmpty();
		assertThat(api.delete(base(ws) + "/documents/" + doc).token(owner.accessToken()).send().status())
			.isEqualTo(204);
		Api.eventually(Duration.ofSeconds(20), () -> documentIds(search(owner, q)).isEmpty() ? true : null);
	}

	@Test
	void nearDuplicatesCollapseWithACount() {
		String copy = upload(owner, ws, "bread-copy.md", BREAD + " Enjoy.", Map.of());
		awaitIndexed(owner, ws, copy);
		Response collapsed = search(owner, "q=sourdough&mode=keyword");
		assertThat(collapsed.json().path("items")).hasSize(1);
		assertThat(collapsed.json().path("items").get(0).path("duplicates").asInt()).isEqualTo(1);
		assertThat(documentIds(search(owner, "q=sourdough&mode=keyword&collapse=none"))).containsExactlyInAnyOrder(
				bread, copy);
		api.delete(base(ws) + "/documents/" + copy).token(owner.accessToken()).send();
	}

	@Test
	void pagesFollowSignedCursorsBoundToTheQuery() {
		String q = "q=" + enc("whales sunlight bread") + "&mode=hybrid&collapse=document&limit=1";
		Response first = search(owner, q);
		List<String> seen = new ArrayList<>(documentIds(first));
		String cursor = first.json().path("next_cursor").asString();
		while (cursor != null && !cursor.isEmpty()) {
			Response next = search(owner, q + "&cursor=" + cursor);
			seen.addAll(documentIds(next));
			cursor = next.json().path("next_cursor").isNull() ? null : next.json().path("next_cursor").asString();
		}
		assertThat(seen).doesNotHaveDuplicates().contains(solar, whales, bread);
		assertThat(seen).hasSize(first.json().path("total").asInt());
		String cursor1 = first.json().path("next_cursor").asString();
		assertThat(search(owner, "q=other&limit=1&cursor=" + cursor1).code()).isEqualTo("invalid_cursor");
		assertThat(search(owner, q + "&cursor=" + cursor1 + "x").code()).isEqualTo("invalid_cursor");
	}

	@Test
	void relatedDocumentsExcludeTheSourceAndHiddenDocuments() {
		Response related = api.get(base(ws) + "/documents/" + whales + "/related?limit=5")
			.token(viewer.accessToken())
			.send();
		assertThat(related.status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		related.json().forEach(r -> ids.add(r.path("document_id").asString()));
		assertThat(ids).isNotEmpty().doesNotContain(whales, secret);
		assertThat(api.get(base(ws) + "/documents/" + whales + "/related?limit=0").token(viewer.accessToken()).send()
			.code()).isEqualTo("invalid_limit");
	}

	@Test
	void repeatedQueriesComeFromTheCache() {
		double hitsBefore = meters.counter("kc.search.cache", "result", "hit").count();
		String q = "q=" + enc("krill migration") + "&mode=hybrid";
		search(viewer, q);
		Response again = search(viewer, q);
		assertThat(again.json().path("cached").asBoolean()).isTrue();
		assertThat(meters.counter("kc.search.cache", "result", "hit").count()).isGreaterThan(hitsBefore);
	}

	@Test
	void fusionSettingsArePerWorkspaceAndAdminOnly() {
		String settings = base(ws) + "/search/settings";
		assertThat(api.get(settings).token(viewer.accessToken()).send().json().path("fusion").asString())
			.isEqualTo("rrf");
		Map<String, Object> weighted = Map.of("fusion", "weighted", "rrf_k", 60, "keyword_weight", 0.3);
		assertThat(api.put(settings).token(editor.accessToken()).json(weighted).send().status()).isEqualTo(403);
		assertThat(api.put(settings).token(owner.accessToken()).json(Map.of("fusion", "magic", "rrf_k", 0,
				"keyword_weight", 2)).send().status()).isEqualTo(400);
		assertThat(api.put(settings).token(owner.accessToken()).json(weighted).send().status()).isEqualTo(200);
		try {
			JsonNode hit = search(owner, "q=" + enc("solar panels") + "&explain=true").json().path("items").get(0);
			assertThat(hit.path("explain").path("fusion").asString()).isEqualTo("weighted");
			assertThat(api.get(base(otherWs) + "/search/settings").token(outsider.accessToken()).send().json()
				.path("fusion").asString()).isEqualTo("rrf");
		}
		finally {
			assertThat(api.delete(settings).token(owner.accessToken()).send().json().path("fusion").asString())
				.isEqualTo("rrf");
		}
	}

	@Test
	void evaluationScoresModesAndCanApplyTheBestFusion() {
		String evaluate = base(ws) + "/search/evaluate";
		var questions = List.of(Map.of("query", "largest animal krill", "relevant_document_ids", List.of(whales)),
				Map.of("query", "rooftop electricity", "relevant_document_ids", List.of(solar)),
				Map.of("query", "wild yeast oven", "relevant_document_ids", List.of(bread)));
		assertThat(api.post(evaluate).token(editor.accessToken()).json(Map.of("questions", questions)).send().status())
			.isEqualTo(403);
		assertThat(api.post(evaluate).token(owner.accessToken()).json(Map.of("questions", List.of())).send().status())
			.isEqualTo(400);
		Response report = api.post(evaluate).token(owner.accessToken())
			.json(Map.of("questions", questions, "apply", true))
			.send();
		try {
			assertThat(report.status()).as(report.toString()).isEqualTo(200);
			JsonNode variants = report.json().path("variants");
			assertThat(variants.get(0).path("mode").asString()).isEqualTo("keyword");
			assertThat(variants.get(1).path("mode").asString()).isEqualTo("vector");
			assertThat(variants.get(2).path("ndcg_at10").asDouble()).isEqualTo(1.0);
			assertThat(variants.get(2).path("mrr_at10").asDouble()).isEqualTo(1.0);
			assertThat(report.json().path("applied").asBoolean()).isTrue();
			JsonNode best = report.json().path("best");
			assertThat(api.get(base(ws) + "/search/settings").token(viewer.accessToken()).send().json())
				.isEqualTo(best);
		}
		finally {
			api.delete(base(ws) + "/search/settings").token(owner.accessToken()).send();
		}
	}

	@Test
	void advancedSyntaxIsOptInAndValidated() {
		assertThat(documentIds(search(owner, "q=" + enc("\"blue whales\" -sunlight") + "&mode=keyword&advanced=true")))
			.containsExactly(whales);
		assertThat(documentIds(search(owner, "q=" + enc("whales -krill") + "&mode=keyword&advanced=true"))).isEmpty();
		Response broken = search(owner, "q=" + enc("\"blue whales") + "&advanced=true");
		assertThat(broken.status()).isEqualTo(400);
		assertThat(broken.code()).isEqualTo("invalid_query_syntax");
		assertThat(broken.json().path("detail").asString()).contains("unclosed quote");
		// without advanced, the same characters are just text
		assertThat(search(owner, "q=" + enc("\"blue whales") + "&mode=keyword").status()).isEqualTo(200);
	}

	@Test
	void badInputGetsAProblemDocument() {
		assertThat(search(owner, "q=").code()).isEqualTo("query_required");
		assertThat(search(owner, "mode=keyword").code()).isEqualTo("query_required");
		assertThat(search(owner, "q=" + "a".repeat(1001)).code()).isEqualTo("query_too_long");
		assertThat(search(owner, "q=x&mode=fuzzy").code()).isEqualTo("invalid_mode");
		assertThat(search(owner, "q=x&collapse=sideways").code()).isEqualTo("invalid_collapse");
		assertThat(search(owner, "q=x&limit=0").code()).isEqualTo("invalid_limit");
		assertThat(search(owner, "q=x&from=yesterday").status()).isEqualTo(400);
		assertThat(search(owner, "q=x&document=not-a-uuid").status()).isEqualTo(400);
		assertThat(search(owner, "q=" + enc("x\u0001y")).code()).isEqualTo("invalid_query");
		for (String hostile : List.of("<script>alert(1)</script>", "AND OR NOT ((", "title:*", "\\", "'; DROP TABLE x;--",
				"*:*", "a~99 b^1000", "\uD83D\uDE00 \u202E")) {
			Response r = search(owner, "q=" + enc(hostile));
			assertThat(r.status()).as(hostile).isEqualTo(200);
		}
		Response malformed = api.post(base(ws) + "/search").token(owner.accessToken()).raw("{\"q\": ", "application/json")
			.send();
		assertThat(malformed.status()).isEqualTo(400);
		Response wrongType = api.post(base(ws) + "/search").token(owner.accessToken())
			.json(Map.of("q", "whales", "limit", "many"))
			.send();
		assertThat(wrongType.status()).isEqualTo(400);
		Response posted = api.post(base(ws) + "/search").token(owner.accessToken())
			.json(Map.of("q", "whales", "mode", "keyword", "tags", List.of("biology")))
			.send();
		assertThat(documentIds(posted)).containsExactly(whales);
		assertThat(api.get(base(ws) + "/search?q=x").send().status()).isEqualTo(401);
	}

	private Response search(Api.User user, String query) {
		return search(user, query, ws);
	}

	private Response search(Api.User user, String query, String workspace) {
		return api.get(base(workspace) + "/search?" + query).token(user.accessToken()).send();
	}

	private static List<String> documentIds(Response response) {
		if (response.status() != 200) {
			throw new AssertionError("search failed: " + response);
		}
		List<String> ids = new ArrayList<>();
		response.json().path("items").forEach(h -> ids.add(h.path("document_id").asString()));
		return ids;
	}

	private static int facetCount(JsonNode facets, String facet, String value) {
		for (JsonNode f : facets.path(facet)) {
			if (f.path("value").asString().equals(value)) {
				return f.path("count").asInt();
			}
		}
		return 0;
	}

	private void patch(String doc, Map<String, Object> change) {
		Response current = api.get(base(ws) + "/documents/" + doc).token(owner.accessToken()).send();
		Map<String, Object> body = new java.util.HashMap<>(Map.of("title", current.get("title")));
		body.putAll(change);
		Response patched = api.patch(base(ws) + "/documents/" + doc).token(owner.accessToken())
			.header("If-Match", current.header("ETag"))
			.json(body)
			.send();
		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
	}

	private String upload(Api.User user, String workspace, String name, String content, Map<String, String> fields) {
		Response r = api.post(base(workspace) + "/documents").token(user.accessToken())
			.multipart(name, content.getBytes(StandardCharsets.UTF_8), fields)
			.send();
		assertThat(r.status()).as(r.toString()).isEqualTo(202);
		return r.get("id");
	}

	private void awaitIndexed(Api.User user, String workspace, String id) {
		Response done = Api.eventually(Duration.ofSeconds(90), () -> {
			Response r = api.get(base(workspace) + "/documents/" + id).token(user.accessToken()).send();
			String status = r.get("status");
			return status.equals("INDEXED") || status.equals("FAILED") ? r : null;
		});
		assertThat(done.get("status")).as(done.toString()).isEqualTo("INDEXED");
	}

	private static String base(String workspace) {
		return "/api/v1/workspaces/" + workspace;
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
