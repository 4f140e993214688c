package io.knowledgecloud.document.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.platform.SecretBox;
import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;

/** Signed download and single-use upload URLs over HTTP, used without an Authorization header. */
@IntegrationTest
class SignedUrlsIT {

	private final Api api;
	@Autowired
	SecretBox secrets;
	private Api.User owner;
	private String ws;

	SignedUrlsIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	@BeforeEach
	void workspace() {
		owner = api.signUp("links");
		ws = api.createWorkspace(owner, "Links");
	}

	@Test
	void aSignedDownloadUrlWorksWithoutAuthorizationUntilItExpires() {
		String id = upload(owner, "report.txt", "version one").get("id");
		api.put(path("/" + id + "/content")).token(owner.accessToken())
			.multipart("report.txt", "version two".getBytes(StandardCharsets.UTF_8), Map.of())
			.send();

		Response link = api.post(path("/" + id + "/download-url")).token(owner.accessToken()).send();
		assertThat(link.status()).isEqualTo(200);
		String url = link.get("url");
		assertThat(url).startsWith("http://localhost:" + api.port() + "/api/v1/blobs/");
		Instant expires = Instant.parse(link.get("expires_at"));
		assertThat(expires).isBetween(Instant.now().plusSeconds(14 * 60), Instant.now().plusSeconds(16 * 60));

		Response download = api.get(relative(url)).send();
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.text()).isEqualTo("version two");
		assertThat(download.header("Content-Disposition")).contains("attachment").contains("report.txt");
		Response range = api.get(relative(url)).header("Range", "bytes=0-6").send();
		assertThat(range.status()).isEqualTo(206);
		assertThat(range.text()).isEqualTo("version");

		String first = api.post(path("/" + id + "/download-url?version=1")).token(owner.accessToken()).send().get("url");
		assertThat(api.get(relative(first)).send().text()).isEqualTo("version one");

		// the token is the credential: a changed one is refused, an expired one is gone
		String token = url.substring(url.lastIndexOf('/') + 1);
		String tampered = token.substring(0, 5) + (token.charAt(5) == 'A' ? 'B' : 'A') + token.substring(6);
		Response refused = api.get("/api/v1/blobs/" + tampered).send();
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("signed_url_invalid");
		assertThat(api.get("/api/v1/blobs/not-a-token").send().code()).isEqualTo("signed_url_invalid");
		var past = new SignedLinks(secrets, Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC));
		String expired = past.sign(new SignedLinks.Download(UUID.fromString(ws), UUID.fromString(id), 2,
				Instant.now().minusSeconds(1)));
		Response gone = api.get("/api/v1/blobs/" + expired).send();
		assertThat(gone.status()).isEqualTo(410);
		assertThat(gone.code()).isEqualTo("signed_url_expired");

		// a deleted document's links stop working at once
		api.delete(path("/" + id)).token(owner.accessToken()).send();
		assertThat(api.get(relative(url)).send().code()).isEqualTo("document_not_found");
	}

	@Test
	void downloadUrlsRespectTheDocumentAcl() {
		Api.User viewer = api.signUp("links-viewer");
		api.addMember(owner, ws, viewer, "viewer");
		String secret = api.post(path("")).token(owner.accessToken())
			.multipart("secret.txt", "classified".getBytes(StandardCharsets.UTF_8), Map.of("allowed_users", owner.id()))
			.send()
			.get("id");
		assertThat(api.post(path("/" + secret + "/download-url")).token(viewer.accessToken()).send().code())
			.isEqualTo("document_not_found");
		assertThat(api.post(path("/" + secret + "/download-url?version=7")).token(owner.accessToken()).send().code())
			.isEqualTo("version_not_found");
	}

	@Test
	void anUploadUrlAcceptsOneUploadAsItsIssuer() {
		Api.User editor = api.signUp("links-editor");
		Api.User viewer = api.signUp("links-viewer");
		api.addMember(owner, ws, editor, "editor");
		api.addMember(owner, ws, viewer, "viewer");
		assertThat(api.post(path("/upload-url")).token(viewer.accessToken()).send().code())
			.isEqualTo("insufficient_role");

		Response link = api.post(path("/upload-url")).token(editor.accessToken()).send();
		assertThat(link.status()).isEqualTo(200);
		String url = link.get("url");
		assertThat(url).startsWith("http://localhost:" + api.port() + "/api/v1/uploads/");
		Response raw = api.put(relative(url) + "?file_name=notes.md&tags=a,b")
			.raw("# Notes\n\nUploaded through a signed link. ".repeat(20), "application/octet-stream")
			.send();
		assertThat(raw.status()).isEqualTo(202);
		assertThat(raw.get("file_name")).isEqualTo("notes.md");
		assertThat(raw.get("created_by")).isEqualTo(editor.id());
		assertThat(raw.json().path("tags").size()).isEqualTo(2);
		assertThat(api.get(path("/" + raw.get("id"))).token(owner.accessToken()).send().status()).isEqualTo(200);

		Response again = api.put(relative(url) + "?file_name=other.txt").raw("other bytes", "text/plain").send();
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("upload_url_used");

		String second = api.post(path("/upload-url")).token(editor.accessToken()).send().get("url");
		Response multipart = api.put(relative(second))
			.multipart("form.txt", "sent as multipart".getBytes(StandardCharsets.UTF_8), Map.of("title", "Form"))
			.send();
		assertThat(multipart.status()).isEqualTo(202);
		assertThat(multipart.get("title")).isEqualTo("Form");

		// a failed upload does not use the link up
		String third = api.post(path("/upload-url")).token(editor.accessToken()).send().get("url");
		assertThat(api.put(relative(third) + "?file_name=empty.txt").raw("", "text/plain").send().status())
			.isEqualTo(400);
		assertThat(api.post(relative(third))
			.multipart("later.txt", "posted later".getBytes(StandardCharsets.UTF_8), Map.of())
			.send()
			.status()).isEqualTo(202);

		// a download token is no upload token
		String download = api.post(path("/" + raw.get("id") + "/download-url")).token(editor.accessToken()).send()
			.get("url");
		String downloadToken = download.substring(download.lastIndexOf('/') + 1);
		assertThat(api.put("/api/v1/uploads/" + downloadToken).raw("x", "text/plain").send().code())
			.isEqualTo("signed_url_invalid");
	}

	private Response upload(Api.User user, String name, String content) {
		return api.post(path("")).token(user.accessToken())
			.multipart(name, content.getBytes(StandardCharsets.UTF_8), Map.of())
			.send();
	}

	private String relative(String url) {
		return url.substring(("http://localhost:" + api.port()).length());
	}

	private String path(String suffix) {
		return "/api/v1/workspaces/" + ws + "/documents" + suffix;
	}
}
