package io.knowledgecloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Verifies the module boundaries (no cycles, no access to another module's internals) and
 * writes the module documentation to docs/modules/.
 */
class ModularityTests {

	private static final Path OUTPUT = Path.of("docs/modules");

	private final ApplicationModules modules = ApplicationModules.of(KnowledgeCloudApplication.class);

	@Test
	void moduleBoundariesHold() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() throws IOException {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(OUTPUT.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		try (Stream<Path> files = Files.list(OUTPUT)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".puml") || f.toString().endsWith(".adoc")).toList()) {
				Files.write(file, ordered(Files.readAllLines(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
			}
		}
	}

	/**
	 * The Documenter lists relations and canvas entries in hash order, which differs between runs;
	 * sorting every run of {@code Rel(…)} lines and of bullet items keeps the committed files stable.
	 */
	static List<String> ordered(List<String> lines) {
		List<String> out = new ArrayList<>(lines.size());
		int i = 0;
		while (i < lines.size()) {
			String kind = kind(lines.get(i), true);
			if (kind == null) {
				out.add(lines.get(i++));
				continue;
			}
			boolean cell = lines.get(i).startsWith("|");
			List<String> run = new ArrayList<>();
			run.add(cell ? lines.get(i).substring(1) : lines.get(i));
			i++;
			while (i < lines.size() && kind.equals(kind(lines.get(i), false))) {
				run.add(lines.get(i++));
			}
			run.sort(Comparator.naturalOrder());
			if (cell) {
				run.set(0, "|" + run.get(0));
			}
			out.addAll(run);
		}
		return out;
	}

	private static String kind(String line, boolean first) {
		String l = first && line.startsWith("|* ") ? line.substring(1) : line;
		if (l.startsWith("Rel(")) {
			return "rel";
		}
		return l.startsWith("* `") ? "item" : null;
	}
}
