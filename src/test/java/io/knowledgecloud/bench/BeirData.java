package io.knowledgecloud.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A BEIR-format folder: corpus.jsonl, queries.jsonl, qrels/&lt;split&gt;.tsv. */
record BeirData(List<Doc> corpus, Map<String, String> queries, Path folder) {

	record Doc(String id, String title, String text) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static BeirData load(Path folder) throws IOException {
		List<Doc> corpus = new ArrayList<>();
		try (BufferedReader in = Files.newBufferedReader(folder.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (!line.isBlank()) {
					JsonNode n = JSON.readTree(line);
					corpus.add(new Doc(n.path("_id").asString(), n.path("title").asString(""), n.path("text").asString("")));
				}
			}
		}
		Map<String, String> queries = new LinkedHashMap<>();
		try (BufferedReader in = Files.newBufferedReader(folder.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (!line.isBlank()) {
					JsonNode n = JSON.readTree(line);
					queries.put(n.path("_id").asString(), n.path("text").asString());
				}
			}
		}
		return new BeirData(corpus, queries, folder);
	}

	/** Relevant corpus ids per query id of a split (score &gt; 0), in file order. */
	Map<String, Set<String>> qrels(String split) throws IOException {
		Map<String, Set<String>> qrels = new LinkedHashMap<>();
		List<String> lines = Files.readAllLines(folder.resolve("qrels").resolve(split + ".tsv"), StandardCharsets.UTF_8);
		for (String line : lines) {
			String[] f = line.split("\t");
			if (f.length < 3 || f[0].equals("query-id") || Integer.parseInt(f[2].strip()) <= 0) {
				continue;
			}
			qrels.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1]);
		}
		qrels.keySet().retainAll(queries.keySet());
		return qrels;
	}

	Map<String, Doc> byId() {
		Map<String, Doc> map = new HashMap<>();
		corpus.forEach(d -> map.put(d.id(), d));
		return map;
	}
}
