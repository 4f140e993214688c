package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Options, flags and the one path of our command-line clients; usage errors exit 2, help exits 0. */
class CommandArgumentsTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void readsOptionsFlagsAndThePath() {
		CommandArguments a = parse("--url", "http://kc", "--json", "--workspace", "w1", "--api-key", "kc_1", "q.jsonl");
		assertThat(a.exit()).isEqualTo(-1);
		assertThat(a.url()).isEqualTo("http://kc");
		assertThat(a.workspace()).isEqualTo("w1");
		assertThat(a.apiKey()).isEqualTo("kc_1");
		assertThat(a.flags()).containsExactly("--json");
		assertThat(a.paths()).containsExactly("q.jsonl");
		assertThat(err.size()).isZero();
	}

	@Test
	void helpPrintsTheUsageAndExitsZero() {
		assertThat(parse("--url", "http://kc", "--help").exit()).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: test");
	}

	@Test
	void aMissingValueOrRequiredArgumentIsAUsageError() {
		assertThat(parse("--url").exit()).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing value of --url").contains("Usage: test");
		// no path, then two paths
		assertThat(parse("--url", "http://kc", "--workspace", "w1", "--api-key", "kc_1").exit()).isEqualTo(2);
		assertThat(parse("--url", "http://kc", "--workspace", "w1", "--api-key", "kc_1", "a", "b").exit()).isEqualTo(2);
		// a blank key counts as none
		assertThat(parse("--url", "http://kc", "--workspace", "w1", "--api-key", " ", "a").exit()).isEqualTo(2);
	}

	private CommandArguments parse(String... args) {
		return CommandArguments.parse(args, Set.of("--json"), "Usage: test",
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
	}
}
