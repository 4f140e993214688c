package io.knowledgecloud.platform;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The arguments of one of our command-line clients of the API ({@code import}, {@code evaluate}):
 * {@code --name value} options, bare {@code --flag}s, and paths. {@code --url}, {@code --workspace}
 * and an API key ({@code --api-key} or the environment variable {@code KC_API_KEY}) are always
 * required, and exactly one path.
 *
 * @param exit {@code -1} to go on; otherwise the usage was printed and the command exits with
 *     this status ({@code 0} after {@code --help}, {@code 2} after a usage error)
 */
public record CommandArguments(Map<String, String> options, Set<String> flags, List<String> paths, int exit) {

	/** Parses {@code args}; {@code flagNames} take no value (e.g. {@code --json}). */
	public static CommandArguments parse(String[] args, Set<String> flagNames, String usage, PrintStream out,
			PrintStream err) {
		Map<String, String> options = new LinkedHashMap<>();
		Set<String> flags = new HashSet<>();
		List<String> paths = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--help") || arg.equals("-h")) {
				out.println(usage);
				return new CommandArguments(options, flags, paths, 0);
			}
			if (flagNames.contains(arg)) {
				flags.add(arg);
			}
			else if (arg.startsWith("--")) {
				if (i + 1 >= args.length) {
					err.println("Missing value of " + arg + "\n" + usage);
					return new CommandArguments(options, flags, paths, 2);
				}
				options.put(arg.substring(2), args[++i]);
			}
			else {
				paths.add(arg);
			}
		}
		var parsed = new CommandArguments(options, flags, paths, -1);
		String key = parsed.apiKey();
		if (parsed.url() == null || key == null || key.isBlank() || parsed.workspace() == null || paths.size() != 1) {
			err.println(usage);
			return new CommandArguments(options, flags, paths, 2);
		}
		return parsed;
	}

	public @Nullable String url() {
		return options.get("url");
	}

	public @Nullable String workspace() {
		return options.get("workspace");
	}

	public @Nullable String apiKey() {
		return options.getOrDefault("api-key", System.getenv("KC_API_KEY"));
	}
}
