package io.knowledgecloud.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/** Documents over HTTP: upload, detection, duplicates, list filters, download ranges, versions, ACL, delete. */
@IntegrationTest
class DocumentIT {

	private final Api api;
	private Api.User owner;
	private String ws;

	DocumentIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeEach
	void workspace() {
		owner = api.signUp("docs");
		ws = api.createWorkspace(owner, "Docs");
	}

	@Test
	void uploadDetectsTheTypeFromTheBytesAndAnswers202() {
		Response uploaded = upload("notes.txt", "# Heading\n\nSome <b>html</b> pretending to be text.",
				Map.of("title", "My notes", "tags", "alpha, beta", "collection", "research"));
		assertThat(uploaded.status()).isEqualTo(202);
		assertThat(uploaded.header("Location")).endsWith("/documents/" + uploaded.get("id"));
		assertThat(uploaded.get("title")).isEqualTo("My notes");
		assertThat(uploaded.get("status")).isIn("PENDING", "PROCESSING", "INDEXED", "FAILED");
		assertThat(uploaded.get("sha256")).hasSize(64);
		assertThat(uploaded.json().path("tags").values()).extracting(t -> t.asString()).containsExactly("alpha", "beta");

		byte[] pdfHeader = "%PDF-1.4\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1);
		Response pdf = api.post(path("")).token(owner.accessToken()).multipart("claims-to-be.txt", pdfHeader, Map.of())
			.send();
		assertThat(pdf.status()).isEqualTo(202);
		assertThat(pdf.get("media_type")).isEqualTo("application/pdf");
	}

	@Test
	void exactDuplicatesReturnTheExistingDocumentUnlessAllowed() {
		Response first = upload("a.txt", "same bytes", Map.of());
		Response again = upload("b.txt", "same bytes", Map.of());
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.get("duplicate_of")).isEqualTo(first.get("id"));
		Response allowed = api.post(path("?allow_duplicate=true")).token(owner.accessToken())
			.multipart("c.txt", "same bytes".getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(allowed.status()).isEqualTo(202);
		assertThat(allowed.get("id")).isNotEqualTo(first.get("id"));
	}

	@Test
	void downloadsWholeAndByRangeWithContentDisposition() {
		String id = upload("report final.txt", "0123456789abcdef", Map.of()).get("id");
		Response whole = api.get(path("/" + id + "/content")).token(owner.accessToken()).send();
		assertThat(whole.status()).isEqualTo(200);
		assertThat(whole.text()).isEqualTo("0123456789abcdef");
		assertThat(whole.header("Content-Disposition")).contains("attachment").contains("report final.txt");
		assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");

		Response middle = api.get(path("/" + id + "/content")).token(owner.accessToken()).header("Range", "bytes=2-5")
			.send();
		assertThat(middle.status()).isEqualTo(206);
		assertThat(middle.text()).isEqualTo("2345");
		assertThat(middle.header("Content-Range")).isEqualTo("bytes 2-5/16");

		Response tail = api.get(path("/" + id + "/content")).token(owner.accessToken()).header("Range", "bytes=-3")
			.send();
		assertThat(tail.text()).isEqualTo("def");
		Response outside = api.get(path("/" + id + "/content")).token(owner.accessToken())
			.header("Range", "bytes=100-200")
			.send();
		assertThat(outside.status()).isEqualTo(416);
		assertThat(outside.code()).isEqualTo("range_not_satisfiable");
	}

	@Test
	void newVersionsKeepTheOldOnesDownloadable() {
		String id = upload("v.txt", "version one", Map.of()).get("id");
		Response second = api.put(path("/" + id + "/content")).token(owner.accessToken())
			.multipart("v.txt", "version two".getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
		assertThat(second.status()).isEqualTo(202);
		assertThat(second.json().path("version").asInt()).isEqualTo(2);
		var versions = api.get(path("/" + id + "/versions")).token(owner.accessToken()).send().json();
		assertThat(versions.size()).isEqualTo(2);
		assertThat(api.get(path("/" + id + "/content?version=1")).token(owner.accessToken()).send().text())
			.isEqualTo("version one");
		assertThat(api.get(path("/" + id + "/content")).token(owner.accessToken()).send().text())
			.isEqualTo("version two");
		assertThat(api.get(path("/" + id + "/content?version=9")).token(owner.accessToken()).send().code())
			.isEqualTo("version_not_found");
	}

	@Test
	void listFiltersAndPaginates() {
		upload("one.txt", "first", Map.of("tags", "red", "collection", "c1"));
		upload("two.txt", "second", Map.of("tags", "blue", "collection", "c1"));
		upload("three.txt", "third", Map.of("tags", "red", "collection", "c2"));
		assertThat(list("?tag=red").size()).isEqualTo(2);
		assertThat(list("?collection=c1").size()).isEqualTo(2);
		assertThat(list("?q=THRE").size()).isEqualTo(1);
		assertThat(list("?type=text/plain").size()).isEqualTo(3);
		Response page = api.get(path("?limit=2&sort=title")).token(owner.accessToken()).send();
		assertThat(page.json().path("items").values()).extracting(d -> d.path("title").asString())
			.containsExactly("one.txt", "three.txt");
		Response next = api.get(path("?limit=2&sort=title&cursor=" + page.get("next_cursor"))).token(owner.accessToken())
			.send();
		assertThat(next.json().path("items").values()).extracting(d -> d.path("title").asString())
			.containsExactly("two.txt");
		assertThat(api.get(path("?sort=size")).token(owner.accessToken()).send().code()).isEqualTo("invalid_parameter");
	}

	@Test
	void restrictedDocumentsAreInvisibleToOtherMembers() {
		Api.User viewer = api.signUp("viewer");
		Api.User editor = api.signUp("editor");
		api.addMember(owner, ws, viewer, "viewer");
		api.addMember(owner, ws, editor, "editor");
		String secret = api.post(path("")).token(editor.accessToken())
			.multipart("secret.txt", "classified".getBytes(StandardCharsets.UTF_8), Map.of("allowed_users", editor.id()))
			.send()
			.get("id");
		assertThat(api.get(path("/" + secret)).token(viewer.accessToken()).send().code())
			.isEqualTo("document_not_found");
		assertThat(api.get(path("/" + secret + "/content")).token(viewer.accessToken()).send().status())
			.isEqualTo(404);
		assertThat(api.get(path("")).token(viewer.accessToken()).send().json().path("items").size()).isZero();
		// admins and the uploader see it
		assertThat(api.get(path("/" + secret)).token(owner.accessToken()).send().status()).isEqualTo(200);
		assertThat(api.get(path("/" + secret)).token(editor.accessToken()).send().get("visibility"))
			.isEqualTo("restricted");
		// viewers cannot upload
		assertThat(api.post(path("")).token(viewer.accessToken())
			.multipart("x.txt", "x".getBytes(StandardCharsets.UTF_8), Map.of())
			.send()
			.code()).isEqualTo("insufficient_role");
	}

	@Test
	void metadataUpdatesNeedTheCurrentETagAndDeleteHidesTheDocument() {
		Response uploaded = upload("m.txt", "meta", Map.of());
		String id = uploaded.get("id");
		// the ETag follows every change of the representation, ingestion progress included: wait until it settles
		String etag = Api.eventually(java.time.Duration.ofSeconds(90), () -> {
			Response r = api.get(path("/" + id)).token(owner.accessToken()).send();
			return r.get("status").equals("INDEXED") || r.get("status").equals("FAILED") ? r.header("ETag") : null;
		});
		Response updated = api.patch(path("/" + id)).token(owner.accessToken()).header("If-Match", etag)
			.json(Map.of("title", "Renamed", "tags", java.util.List.of("x")))
			.send();
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.get("title")).isEqualTo("Renamed");
		Response stale = api.patch(path("/" + id)).token(owner.accessToken()).header("If-Match", etag)
			.json(Map.of("title", "Again"))
			.send();
		assertThat(stale.code()).isEqualTo("precondition_failed");

		assertThat(api.delete(path("/" + id)).token(owner.accessToken()).send().status()).isEqualTo(204);
		assertThat(api.get(path("/" + id)).token(owner.accessToken()).send().code()).isEqualTo("document_not_found");
		assertThat(list("").size()).isZero();
	}

	@Test
	void badUploadsGetClearProblems() {
		assertThat(upload("empty.txt", "", Map.of()).code()).isEqualTo("empty_file");
		assertThat(upload("t.txt", "x", Map.of("title", "bad\u0001title")).code()).isEqualTo("validation_failed");
		assertThat(upload("t.txt", "x", Map.of("allowed_users", "not-a-uuid")).code()).isEqualTo("validation_failed");
		Api.User stranger = api.signUp("stranger");
		assertThat(upload("t.txt", "x", Map.of("allowed_users", stranger.id())).code())
			.isEqualTo("acl_user_not_member");
		Response noFile = api.post(path("")).token(owner.accessToken()).json(Map.of("title", "x")).send();
		assertThat(noFile.status()).isIn(400, 415);
		assertThat(api.get("/api/v1/workspaces/" + ws + "/documents/" + java.util.UUID.randomUUID())
			.token(stranger.accessToken())
			.send()
			.code()).isEqualTo("workspace_not_found");
	}

	private Response upload(String name, String content, Map<String, String> fields) {
		return api.post(path("")).token(owner.accessToken())
			.multipart(name, content.getBytes(StandardCharsets.UTF_8), fields)
			.send();
	}

	private tools.jackson.databind.JsonNode list(String query) {
		return api.get(path(query)).token(owner.accessToken()).send().json().path("items");
	}

	private String path(String suffix) {
		return "/api/v1/workspaces/" + ws + "/documents" + suffix;
	}
}
