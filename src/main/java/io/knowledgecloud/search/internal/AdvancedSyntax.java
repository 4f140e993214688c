package io.knowledgecloud.search.internal;

/**
 * Validates simple query syntax before it reaches an engine: balanced quotes and parentheses, no
 * operator without an operand, no fuzzy or proximity suffixes beyond 2, no more than 64 terms.
 * Engines would otherwise guess at broken syntax, and users would not learn why results are odd.
 */
final class AdvancedSyntax {

	static final int MAX_TERMS = 64;

	private AdvancedSyntax() {
	}

	/** The problem with {@code text}, or {@code null} when it is valid. */
	static String problem(String text) {
		int depth = 0;
		boolean quoted = false;
		int terms = 0;
		boolean inTerm = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
				continue;
			}
			if (c == '"') {
				quoted = !quoted;
				continue;
			}
			if (quoted) {
				continue;
			}
			if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				if (--depth < 0) {
					return "unbalanced parenthesis at position " + (i + 1);
				}
			}
			else if (c == '~') {
				int j = i + 1;
				while (j < text.length() && Character.isDigit(text.charAt(j))) {
					j++;
				}
				if (j > i + 1 && Integer.parseInt(text.substring(i + 1, Math.min(j, i + 4))) > 2) {
					return "fuzziness above 2 at position " + (i + 1);
				}
			}
			else if ((c == '|' || c == '+') && nextNonSpace(text, i + 1) == -1) {
				return "operator '" + c + "' has no operand";
			}
			boolean word = Character.isLetterOrDigit(c);
			if (word && !inTerm) {
				terms++;
			}
			inTerm = word;
		}
		if (quoted) {
			return "unclosed quote";
		}
		if (depth != 0) {
			return "unclosed parenthesis";
		}
		if (terms == 0) {
			return "no search terms";
		}
		if (terms > MAX_TERMS) {
			return "more than " + MAX_TERMS + " terms";
		}
		return null;
	}

	private static int nextNonSpace(String text, int from) {
		for (int i = from; i < text.length(); i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}
}
