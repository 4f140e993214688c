package io.knowledgecloud.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for integration tests: JSON in, {@link Response} out, nothing mocked.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final String base;
	private final int port;

	public Api(int port) {
		this.base = "http://localhost:" + port;
		this.port = port;
	}

	public int port() {
		return port;
	}

	/** A response with its body parsed as JSON when it is JSON. */
	public record Response(int status, java.net.http.HttpHeaders headers, String text, JsonNode json) {

		public @Nullable String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

		public String get(String field) {
			return json.path(field).asString();
		}

		public String code() {
			return json.path("code").asString();
		}

		@Override
		public String toString() {
			return status + " " + text;
		}
	}

	/** Builds one request. */
	public final class Call {

		private final String method;
		private final String path;
		private final Map<String, String> headers = new LinkedHashMap<>();
		private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

		Call(String method, String path) {
			this.method = method;
			this.path = path;
		}

		public Call token(@Nullable String token) {
			if (token != null) {
				headers.put("Authorization", "Bearer " + token);
			}
			return this;
		}

		public Call header(String name, String value) {
			headers.put(name, value);
			return this;
		}

		public Call json(Object value) {
			return raw(value instanceof String s ? s : JSON.writeValueAsString(value), "application/json");
		}

		/** A multipart/form-data body: a {@code file} part plus plain form fields. */
		public Call multipart(String fileName, byte[] content, Map<String, String> fields) {
			String boundary = "kc-" + UUID.randomUUID();
			var out = new java.io.ByteArrayOutputStream();
			try {
				for (var field : fields.entrySet()) {
					out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
							+ "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
				}
				out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
						+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
				out.write(content);
				out.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
			headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
			body = HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
			return this;
		}

		public Call raw(String content, String contentType) {
			headers.put("Content-Type", contentType);
			body = HttpRequest.BodyPublishers.ofString(content);
			return this;
		}

		public Response send() {
			var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).method(method,
					body);
			headers.forEach(builder::header);
			try {
				HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
				JsonNode json;
				try {
					json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
				}
				catch (RuntimeException notJson) {
					json = JSON.missingNode();
				}
				return new Response(response.statusCode(), response.headers(), response.body(), json);
			}
			catch (IOException e) {
				throw new IllegalStateException(method + " " + path + " failed", e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}

	public Call call(String method, String path) {
		return new Call(method, path);
	}

	public Call get(String path) {
		return call("GET", path);
	}

	public Call post(String path) {
		return call("POST", path);
	}

	public Call put(String path) {
		return call("PUT", path);
	}

	public Call patch(String path) {
		return call("PATCH", path);
	}

	public Call delete(String path) {
		return call("DELETE", path);
	}

	/** A signed-up, logged-in user with their personal workspace. */
	public record User(String id, String email, String password, String accessToken, String refreshToken,
			String personalWorkspace) {
	}

	public static final String PASSWORD = "plenty-of-entropy-42";

	public static String uniqueEmail(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
	}

	public User signUp(String prefix) {
		return signUp(uniqueEmail(prefix), PASSWORD);
	}

	public User signUp(String email, String password) {
		Response created = post("/api/v1/auth/signup").json(Map.of("email", email, "password", password)).send();
		if (created.status() != 201) {
			throw new AssertionError("sign-up failed: " + created);
		}
		Response login = login(email, password);
		if (login.status() != 200) {
			throw new AssertionError("login failed: " + login);
		}
		String token = login.get("access_token");
		String personal = eventually(() -> {
			Response me = get("/api/v1/me").token(token).send();
			JsonNode workspaces = me.json().path("workspaces");
			return workspaces.size() > 0 ? workspaces.get(0).path("id").asString() : null;
		});
		return new User(created.get("id"), email, password, token, login.get("refresh_token"), personal);
	}

	public Response login(String email, String password) {
		return post("/api/v1/auth/login").json(Map.of("email", email, "password", password)).send();
	}

	/** Creates a workspace owned by {@code owner} and returns its id. */
	public String createWorkspace(User owner, String name) {
		Response response = post("/api/v1/workspaces").token(owner.accessToken()).json(Map.of("name", name)).send();
		if (response.status() != 201) {
			throw new AssertionError("create workspace failed: " + response);
		}
		return response.get("id");
	}

	/** Invites {@code member} into {@code workspace} with {@code role} and accepts, reading the token from the mail. */
	public void addMember(User admin, String workspace, User member, String role) {
		String seen = newestMailId(member);
		Response invited = post("/api/v1/workspaces/" + workspace + "/invitations").token(admin.accessToken())
			.json(Map.of("email", member.email(), "role", role))
			.send();
		if (invited.status() != 201) {
			throw new AssertionError("invite failed: " + invited);
		}
		String token = invitationToken(member, seen);
		Response accepted = post("/api/v1/invitations/accept").token(member.accessToken())
			.json(Map.of("token", token))
			.send();
		if (accepted.status() != 200) {
			throw new AssertionError("accept failed: " + accepted);
		}
	}

	/** The newest invitation token in the user's dev mailbox (waits for the mail to arrive). */
	public String invitationToken(User user) {
		return invitationToken(user, null);
	}

	/**
	 * The token of the newest invitation mail other than {@code seenMailId}: mail is sent after
	 * commit, so right after an invite the newest mail may still be an older invitation's.
	 */
	public String invitationToken(User user, @Nullable String seenMailId) {
		return eventually(() -> {
			Response mail = get("/api/v1/admin/dev-mailbox?limit=1").token(user.accessToken()).send();
			JsonNode items = mail.json().path("items");
			if (items.size() == 0 || items.get(0).path("id").asString().equals(seenMailId)) {
				return null;
			}
			var matcher = java.util.regex.Pattern.compile("token is: (kci_[A-Za-z0-9_-]+)")
				.matcher(items.get(0).path("body").asString());
			return matcher.find() ? matcher.group(1) : null;
		});
	}

	/** The id of the newest mail in the user's dev mailbox, null when it is empty. */
	public @Nullable String newestMailId(User user) {
		JsonNode items = get("/api/v1/admin/dev-mailbox?limit=1").token(user.accessToken()).send().json().path("items");
		return items.size() == 0 ? null : items.get(0).path("id").asString();
	}

	/** Uploads a text document and waits (90 s at most) until it is indexed; returns its id. */
	public String uploadIndexed(User user, String workspace, String fileName, String content) {
		Response r = post("/api/v1/workspaces/" + workspace + "/documents").token(user.accessToken())
			.multipart(fileName, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of())
			.send();
		if (r.status() != 202) {
			throw new AssertionError("upload failed: " + r);
		}
		String id = r.get("id");
		awaitStatus(user, workspace, id, "INDEXED");
		return id;
	}

	/** Waits (90 s at most) until the document has {@code status}. */
	public void awaitStatus(User user, String workspace, String documentId, String status) {
		eventually(Duration.ofSeconds(90), () -> status.equals(get("/api/v1/workspaces/" + workspace + "/documents/"
				+ documentId).token(user.accessToken()).send().get("status")) ? true : null);
	}

	/** Polls until {@code supplier} returns non-null (10 s at most): for outbox-driven effects. */
	public static <T> T eventually(Supplier<@Nullable T> supplier) {
		return eventually(Duration.ofSeconds(10), supplier);
	}

	/** Polls until {@code supplier} returns non-null, for at most {@code timeout}. */
	public static <T> T eventually(Duration timeout, Supplier<@Nullable T> supplier) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			T value = supplier.get();
			if (value != null) {
				return value;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within " + timeout);
			}
			try {
				Thread.sleep(25);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}
}
