package io.knowledgecloud.document.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.knowledgecloud.platform.CommandArguments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar knowledgecloud.jar import --url URL --api-key KEY --workspace WS PATH}: uploads
 * every file of a directory (recursively, hidden files skipped), or hands a BEIR {@code .jsonl}
 * to {@code POST …/imports} and follows it, with a progress bar. A plain HTTP client of the API;
 * no Spring context starts. Exit status: 0 all imported, 1 some items failed, 2 usage, 3 the
 * server could not be reached or refused the request.
 */
public final class ImportCommand {

	static final String USAGE = """
			Usage: import --url URL --api-key KEY --workspace WORKSPACE_ID [--tags a,b] [--collection NAME] PATH
			  PATH  a directory (every file is uploaded as a document) or a BEIR corpus.jsonl
			        (one document per line, {"_id", "title", "text"}, imported by the server)
			  --api-key may also come from the environment variable KC_API_KEY.""";

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final int BAR = 30;

	private final URI base;
	private final String key;
	private final String workspace;
	private final Map<String, String> fields;
	private final PrintStream out;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
		.version(HttpClient.Version.HTTP_1_1).build();

	private ImportCommand(URI base, String key, String workspace, Map<String, String> fields, PrintStream out) {
		this.base = base;
		this.key = key;
		this.workspace = workspace;
		this.fields = fields;
		this.out = out;
	}

	/** Runs the command with the arguments after {@code import}; answers the exit status. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		CommandArguments arguments = CommandArguments.parse(args, Set.of(), USAGE, out, err);
		if (arguments.exit() >= 0) {
			return arguments.exit();
		}
		Map<String, String> options = arguments.options();
		List<String> paths = arguments.paths();
		String key = Objects.requireNonNull(arguments.apiKey());
		String url = Objects.requireNonNull(arguments.url());
		String workspace = Objects.requireNonNull(arguments.workspace());
		Map<String, String> fields = new LinkedHashMap<>();
		if (options.containsKey("tags")) {
			fields.put("tags", options.get("tags"));
		}
		if (options.containsKey("collection")) {
			fields.put("collection", options.get("collection"));
		}
		Path path = Path.of(paths.getFirst());
		var command = new ImportCommand(URI.create(url.replaceAll("/+$", "")), key.strip(), workspace, fields, out);
		try {
			if (Files.isDirectory(path)) {
				return command.directory(path);
			}
			if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jsonl")) {
				return command.jsonl(path);
			}
			err.println(path + " is neither a directory nor a .jsonl file\n" + USAGE);
			return 2;
		}
		catch (Refused e) {
			err.println();
			err.println(e.getMessage());
			return 3;
		}
		catch (IOException e) {
			err.println();
			err.println("Cannot reach " + url + ": " + e);
			return 3;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 3;
		}
	}

	private int directory(Path dir) throws IOException, InterruptedException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(dir)) {
			files = walk.filter(Files::isRegularFile)
				.filter(p -> !isHidden(dir.relativize(p)))
				.sorted()
				.toList();
		}
		int created = 0;
		int duplicates = 0;
		List<String> errors = new ArrayList<>();
		bar(0, files.size(), "files", 0, 0, 0);
		for (int i = 0; i < files.size(); i++) {
			Path file = files.get(i);
			HttpResponse<String> response = send(multipart("/documents", file));
			switch (response.statusCode()) {
				case 202 -> created++;
				case 200 -> duplicates++;
				case 401, 403, 404 -> throw new Refused(problem(response));
				default -> errors.add(dir.relativize(file) + ": " + problem(response));
			}
			bar(i + 1, files.size(), "files", created, duplicates, errors.size());
		}
		out.println();
		return summary(created, duplicates, errors.size(), errors);
	}

	private int jsonl(Path file) throws IOException, InterruptedException {
		long total;
		try (Stream<String> lines = Files.lines(file)) {
			total = lines.filter(l -> !l.isBlank()).count();
		}
		out.println("Uploading " + file.getFileName() + " (" + total + " lines)…");
		HttpResponse<String> response = send(multipart("/imports", file));
		if (response.statusCode() != 202) {
			throw new Refused(problem(response));
		}
		String id = JSON.readTree(response.body()).path("id").asString();
		JsonNode status;
		while (true) {
			HttpResponse<String> polled = send(request("/imports/" + id).GET().build());
			if (polled.statusCode() != 200) {
				throw new Refused(problem(polled));
			}
			status = JSON.readTree(polled.body());
			long done = status.path("created").asLong() + status.path("duplicates").asLong()
					+ status.path("failed").asLong();
			bar(done, total, "lines", status.path("created").asLong(), status.path("duplicates").asLong(),
					status.path("failed").asLong());
			String state = status.path("state").asString();
			if (state.equals("done") || state.equals("failed")) {
				break;
			}
			Thread.sleep(500);
		}
		out.println();
		List<String> errors = new ArrayList<>();
		for (JsonNode e : status.path("errors")) {
			errors.add("line " + e.path("line").asLong() + ": " + e.path("message").asString());
		}
		if (status.path("state").asString().equals("failed")) {
			errors.add("the import stopped: " + status.path("message").asString());
		}
		return summary(status.path("created").asLong(), status.path("duplicates").asLong(),
				status.path("failed").asLong() + (status.path("state").asString().equals("failed") ? 1 : 0), errors);
	}

	private int summary(long created, long duplicates, long failed, List<String> errors) {
		out.println("Created " + created + ", duplicates " + duplicates + ", failed " + failed + ".");
		errors.stream().limit(10).forEach(e -> out.println("  " + e));
		return failed == 0 ? 0 : 1;
	}

	private void bar(long done, long total, String unit, long created, long duplicates, long failed) {
		int filled = total == 0 ? BAR : (int) Math.min(BAR, done * BAR / total);
		long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
		out.print("\r[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + String.format("%3d%%", percent) + " "
				+ done + "/" + total + " " + unit + "  created " + created + "  duplicates " + duplicates + "  failed "
				+ failed);
		out.flush();
	}

	private HttpRequest multipart(String path, Path file) throws IOException {
		String boundary = "kc-" + UUID.randomUUID();
		StringBuilder head = new StringBuilder();
		fields.forEach((name, value) -> head.append("--").append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value)
			.append("\r\n"));
		String fileName = file.getFileName().toString().replace("\"", "'").replace("\r", " ").replace("\n", " ");
		head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
			.append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		var body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head.toString()),
				HttpRequest.BodyPublishers.ofFile(file),
				HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
		return request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base + "/api/v1/workspaces/"
				+ URLEncoder.encode(workspace, StandardCharsets.UTF_8) + path))
			.timeout(Duration.ofMinutes(10))
			.header("Authorization", "Bearer " + key)
			.header("Accept", "application/json");
	}

	/** Sends, waiting out rate limits ({@code 429} with {@code Retry-After}) a few times. */
	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 429 || attempt == 10) {
				return response;
			}
			long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
			Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, 60))));
		}
	}

	private static String problem(HttpResponse<String> response) {
		try {
			JsonNode problem = JSON.readTree(response.body());
			return response.statusCode() + " " + problem.path("code").asString() + ": "
					+ problem.path("detail").asString();
		}
		catch (RuntimeException notJson) {
			return "HTTP " + response.statusCode();
		}
	}

	private static boolean isHidden(Path relative) {
		for (Path part : relative) {
			if (part.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

	/** The server refused the request as a whole (credentials, workspace). */
	private static final class Refused extends RuntimeException {
		Refused(@Nullable String message) {
			super(message, null, false, false);
		}
	}
}
