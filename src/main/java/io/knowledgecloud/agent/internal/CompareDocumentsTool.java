package io.knowledgecloud.agent.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.agent.spi.ToolResult;
import io.knowledgecloud.search.DocumentTexts;
import io.knowledgecloud.search.DocumentTexts.Passage;

/**
 * Aligns two documents passage by passage (each passage of A with its most similar passage of B,
 * by embedding) and lists the claims that differ: sentences whose numbers are not the same in the
 * aligned passage. Passages with no counterpart above the threshold are reported as only in A or B.
 */
@Component
class CompareDocumentsTool implements AgentTool {

	static final double ALIGNED = 0.80;

	private final DocumentTexts texts;

	CompareDocumentsTool(DocumentTexts texts) {
		this.texts = texts;
	}

	@Override
	public String name() {
		return "compare_documents";
	}

	@Override
	public String description() {
		return "Compare two documents: aligned sections, claims whose figures differ, and sections only one has.";
	}

	@Override
	public String parametersSchema() {
		return """
				{"type":"object","properties":{"document_a":{"type":"string"},"document_b":{"type":"string"}},
				"required":["document_a","document_b"],"additionalProperties":false}""";
	}

	@Override
	public Effect effect() {
		return Effect.READ;
	}

	@Override
	public ToolResult call(ToolInvocation call) throws ToolFailure {
		var idA = Args.document(call.arguments(), "document_a");
		var idB = Args.document(call.arguments(), "document_b");
		if (idA.equals(idB)) {
			throw new ToolFailure("invalid_arguments", "document_a and document_b are the same document");
		}
		List<Passage> a = DocumentLookup.passages(texts, call, idA);
		List<Passage> b = DocumentLookup.passages(texts, call, idB);
		List<Map<String, Object>> sections = new ArrayList<>();
		List<String> onlyInA = new ArrayList<>();
		Set<Integer> matchedB = new HashSet<>();
		var text = new StringBuilder();
		for (Passage pa : a) {
			int best = -1;
			double bestScore = -1;
			for (int j = 0; j < b.size(); j++) {
				double s = TextAnalysis.dot(pa.vector(), b.get(j).vector());
				if (s > bestScore) {
					bestScore = s;
					best = j;
				}
			}
			if (best < 0 || bestScore < ALIGNED) {
				onlyInA.add(TextAnalysis.heading(pa));
				continue;
			}
			matchedB.add(best);
			Passage pb = b.get(best);
			List<Map<String, String>> differences = differences(pa.text(), pb.text());
			Map<String, Object> section = new LinkedHashMap<>();
			section.put("a", TextAnalysis.heading(pa));
			section.put("b", TextAnalysis.heading(pb));
			section.put("similarity", Math.round(bestScore * 1000) / 1000.0);
			section.put("differences", differences);
			sections.add(section);
			for (Map<String, String> d : differences) {
				text.append("- ").append(TextAnalysis.heading(pa)).append(": A says \"").append(d.get("a"))
					.append("\"; B says \"").append(d.get("b")).append("\"\n");
			}
		}
		List<String> onlyInB = new ArrayList<>();
		for (int j = 0; j < b.size(); j++) {
			if (!matchedB.contains(j)) {
				onlyInB.add(TextAnalysis.heading(b.get(j)));
			}
		}
		String titleA = a.getFirst().title();
		String titleB = b.getFirst().title();
		String head = "Comparing A = \"" + titleA + "\" with B = \"" + titleB + "\": " + sections.size()
				+ " aligned sections, " + onlyInA.size() + " only in A, " + onlyInB.size() + " only in B.\n";
		String observation = head + (text.isEmpty() ? "No differing figures in the aligned sections.\n" : text)
				+ (onlyInA.isEmpty() ? "" : "Only in A: " + String.join("; ", onlyInA) + "\n")
				+ (onlyInB.isEmpty() ? "" : "Only in B: " + String.join("; ", onlyInB) + "\n");
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("document_a", Map.of("id", idA.value().toString(), "title", titleA));
		data.put("document_b", Map.of("id", idB.value().toString(), "title", titleB));
		data.put("sections", sections);
		data.put("only_in_a", onlyInA);
		data.put("only_in_b", onlyInB);
		return ToolResult.of(observation, "compared \"" + RunStore.cut(titleA, 60) + "\" with \""
				+ RunStore.cut(titleB, 60) + "\"", Args.json(data));
	}

	/** Claims of A whose figures do not appear in the most similar claim of B. */
	static List<Map<String, String>> differences(String a, String b) {
		List<String> claimsB = TextAnalysis.claims(b);
		List<Map<String, String>> out = new ArrayList<>();
		for (String claim : TextAnalysis.claims(a)) {
			String counterpart = null;
			int bestShared = 0;
			Set<String> words = words(claim);
			for (String other : claimsB) {
				Set<String> shared = words(other);
				shared.retainAll(words);
				if (shared.size() > bestShared) {
					bestShared = shared.size();
					counterpart = other;
				}
			}
			if (counterpart != null && bestShared >= 3
					&& !TextAnalysis.numbers(claim).equals(TextAnalysis.numbers(counterpart))) {
				out.add(Map.of("a", claim, "b", counterpart));
			}
		}
		return out;
	}

	private static Set<String> words(String sentence) {
		Set<String> words = new HashSet<>();
		for (String w : sentence.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
			if (w.length() > 3) {
				words.add(w);
			}
		}
		return words;
	}
}
