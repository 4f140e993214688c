package io.knowledgecloud.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

import io.knowledgecloud.agent.internal.AgentProblems.DocumentChanged;
import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.Proposal;
import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.agent.spi.ToolResult;
import io.knowledgecloud.document.DocumentAuthoring;
import io.knowledgecloud.document.DocumentAuthoring.StoredVersion;
import io.knowledgecloud.document.DocumentId;
import io.knowledgecloud.search.DocumentTexts;
import tools.jackson.databind.JsonNode;

/**
 * Proposes a new version of a document: text replacements, an appended section, or whole new
 * content. Calling it only computes the new text and a unified diff; {@link #apply} writes the
 * version after a person approved it, and only if the document did not change in between.
 */
@Component
class UpdateDocumentTool implements AgentTool {

	static final int MAX_BYTES = 2 * 1024 * 1024;

	private final DocumentAuthoring authoring;
	private final DocumentTexts texts;

	UpdateDocumentTool(DocumentAuthoring authoring, DocumentTexts texts) {
		this.authoring = authoring;
		this.texts = texts;
	}

	@Override
	public String name() {
		return "update_document";
	}

	@Override
	public String description() {
		return "Propose a new version of a document (needs a person's approval): replace text, append a section, "
				+ "or give the whole new content.";
	}

	@Override
	public String parametersSchema() {
		return """
				{"type":"object","properties":{"document_id":{"type":"string"},
				"replacements":{"type":"array","items":{"type":"object","properties":{"find":{"type":"string"},
				"replace":{"type":"string"}},"required":["find","replace"]}},"append":{"type":"string"},
				"content":{"type":"string"},"title":{"type":"string","maxLength":300},
				"tags":{"type":"array","items":{"type":"string"}},"reason":{"type":"string"}},
				"required":["document_id"],"additionalProperties":false}""";
	}

	@Override
	public Effect effect() {
		return Effect.WRITE;
	}

	@Override
	public ToolResult call(ToolInvocation call) throws ToolFailure {
		DocumentId id = Args.document(call.arguments(), "document_id");
		StoredVersion current;
		try {
			current = authoring.current(call.workspace(), call.caller(), id);
		}
		catch (io.knowledgecloud.platform.KnowledgeCloudException e) {
			throw new ToolFailure(e.code(), "document " + id.value() + ": " + e.getMessage());
		}
		boolean editsText = call.arguments().has("content") || call.arguments().has("replacements")
				|| call.arguments().has("append");
		String before = editsText ? currentText(call, id, current) : "";
		String after = editsText ? edit(before, call.arguments()) : before;
		Metadata metadata = Metadata.of(call.arguments(), current);
		if (after.equals(before) && metadata.unchanged(current)) {
			throw new ToolFailure("no_change", "the proposal changes neither the content nor the title or tags");
		}
		String fileName = current.mediaType().startsWith("text/") ? current.fileName()
				: current.fileName().replaceAll("\\.[^.]*$", "") + ".md";
		List<String> lines = before.lines().toList();
		String diff = metadata.diff(current) + (after.equals(before) ? "" : String.join("\n",
				UnifiedDiffUtils.generateUnifiedDiff(current.fileName() + " (v" + current.version() + ")",
						fileName + " (proposed)", lines, DiffUtils.diff(lines, after.lines().toList()), 3)));
		String reason = Args.optionalText(call.arguments(), "reason");
		String summary = "update \"" + RunStore.cut(current.fileName(), 80) + "\" (v" + current.version() + " → v"
				+ (current.version() + 1) + ")" + (reason == null ? "" : ": " + RunStore.cut(reason, 200));
		var content = new java.util.LinkedHashMap<String, Object>();
		content.put("text", after.equals(before) ? null : after);
		content.put("file_name", fileName);
		content.put("title", metadata.title());
		content.put("tags", metadata.tags());
		var proposal = new Proposal(id.value(), current.version(), summary, diff, Args.json(content));
		return new ToolResult("Proposed " + summary + ". A person must approve it before it is written.", summary,
				Args.json(Map.of("document_id", id.value().toString(), "base_version", current.version())), proposal);
	}

	@Override
	public int apply(ToolInvocation call, Proposal proposal) {
		DocumentId id = new DocumentId(proposal.documentId());
		StoredVersion current = authoring.current(call.workspace(), call.caller(), id);
		if (current.version() != proposal.baseVersion()) {
			throw new DocumentChanged(proposal.baseVersion(), current.version());
		}
		JsonNode content = Args.JSON.readTree(proposal.content());
		List<String> tags = new java.util.ArrayList<>();
		content.path("tags").forEach(t -> tags.add(t.asString()));
		if (!content.path("title").asString().equals(current.title()) || !tags.equals(current.tags())) {
			authoring.retitle(call.workspace(), call.caller(), id, content.path("title").asString(), tags);
		}
		if (content.path("text").isNull()) {
			return current.version();
		}
		return authoring.addVersion(call.workspace(), call.caller(), id,
				content.get("text").asString().getBytes(StandardCharsets.UTF_8), content.get("file_name").asString())
			.version();
	}

	/** The title and tags a proposal leaves the document with. */
	record Metadata(String title, List<String> tags) {

		static Metadata of(JsonNode args, StoredVersion current) throws ToolFailure {
			String title = Args.optionalText(args, "title");
			List<String> tags = current.tags();
			JsonNode given = args.get("tags");
			if (given != null && !given.isNull()) {
				if (!given.isArray() || given.size() > 50) {
					throw new ToolFailure("invalid_arguments", "'tags' must be an array of at most 50 strings");
				}
				tags = new java.util.ArrayList<>();
				for (JsonNode t : given) {
					if (!t.isString() || t.asString().isBlank() || t.asString().length() > 100) {
						throw new ToolFailure("invalid_arguments", "each tag must be a string of 1 to 100 characters");
					}
					tags.add(t.asString().strip());
				}
			}
			return new Metadata(title == null || title.isBlank() ? current.title() : RunStore.cut(title.strip(), 300),
					List.copyOf(tags));
		}

		boolean unchanged(StoredVersion current) {
			return title.equals(current.title()) && tags.equals(current.tags());
		}

		String diff(StoredVersion current) {
			return (title.equals(current.title()) ? "" : "title: \"" + current.title() + "\" → \"" + title + "\"\n")
					+ (tags.equals(current.tags()) ? "" : "tags: " + current.tags() + " → " + tags + "\n");
		}
	}

	private String currentText(ToolInvocation call, DocumentId id, StoredVersion current) throws ToolFailure {
		if (current.mediaType().startsWith("text/")) {
			if (current.sizeBytes() > MAX_BYTES) {
				throw new ToolFailure("document_too_large", "documents over 2 MiB cannot be edited by agents");
			}
			return new String(authoring.read(call.workspace(), call.caller(), id, MAX_BYTES), StandardCharsets.UTF_8);
		}
		var text = new StringBuilder();
		for (var p : DocumentLookup.passages(texts, call, id)) {
			text.append(text.isEmpty() ? "" : "\n\n").append(p.text());
		}
		return text.toString();
	}

	static String edit(String before, JsonNode args) throws ToolFailure {
		String content = Args.optionalText(args, "content");
		String after = content != null ? content : before;
		JsonNode replacements = args.get("replacements");
		if (replacements != null && !replacements.isNull()) {
			if (!replacements.isArray()) {
				throw new ToolFailure("invalid_arguments", "'replacements' must be an array of {find, replace}");
			}
			for (JsonNode r : replacements) {
				String find = Args.text(r, "find");
				String replace = Args.optionalText(r, "replace");
				if (!after.contains(find)) {
					throw new ToolFailure("text_not_found", "the document does not contain: " + RunStore.cut(find, 120));
				}
				after = after.replace(find, replace == null ? "" : replace);
			}
		}
		String append = Args.optionalText(args, "append");
		if (append != null && !append.isBlank()) {
			after = after.stripTrailing() + "\n\n" + append.strip() + "\n";
		}
		return after;
	}
}
