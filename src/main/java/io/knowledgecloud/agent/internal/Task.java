package io.knowledgecloud.agent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The built-in tasks the offline planner recognises in a goal. Anything else is treated as a
 * report on the goal's words.
 *
 * @param subject the topic, the document to summarise/update, or the first document to compare
 * @param other the second document to compare
 * @param replacements find/replace pairs of an update, from {@code replace "a" with "b"}
 * @param append text to append in an update, from {@code append "..."}
 */
record Task(Kind kind, String subject, @Nullable String other, List<String[]> replacements, @Nullable String append) {

	enum Kind {
		REPORT, COMPARE, SUMMARISE, UPDATE
	}

	private static final Pattern COMPARE = Pattern.compile("(?is)\\bcompare\\s+(.+?)\\s+(?:and|with|to|against|versus|vs\\.?)\\s+(.+)");
	private static final Pattern SUMMARISE = Pattern.compile("(?is)\\bsummari[sz]e\\s+(.+)");
	private static final Pattern UPDATE = Pattern.compile("(?is)\\bupdate\\s+(?:to\\s+)?(.+?)(?:\\s*[:—-]\\s*|\\s+)(?=replace\\b|append\\b)(.*)");
	private static final Pattern REPORT = Pattern.compile("(?is)\\breport\\s+(?:on|about)\\s+(.+)");
	private static final Pattern REPLACE = Pattern.compile("(?is)replace\\s+[\"“](.+?)[\"”]\\s+with\\s+[\"“](.*?)[\"”]");
	private static final Pattern APPEND = Pattern.compile("(?is)append\\s+[\"“](.+?)[\"”]");
	private static final Pattern URL = Pattern.compile("https?://\\S+");

	static Task parse(String goal) {
		String g = goal.strip();
		Matcher m = UPDATE.matcher(g);
		if (m.find()) {
			List<String[]> replacements = new ArrayList<>();
			Matcher r = REPLACE.matcher(m.group(2));
			while (r.find()) {
				replacements.add(new String[] { r.group(1), r.group(2) });
			}
			Matcher a = APPEND.matcher(m.group(2));
			return new Task(Kind.UPDATE, clean(m.group(1)), null, replacements, a.find() ? a.group(1) : null);
		}
		if ((m = COMPARE.matcher(g)).find()) {
			return new Task(Kind.COMPARE, clean(m.group(1)), clean(m.group(2)), List.of(), null);
		}
		if ((m = SUMMARISE.matcher(g)).find()) {
			return new Task(Kind.SUMMARISE, clean(m.group(1)), null, List.of(), null);
		}
		if ((m = REPORT.matcher(g)).find()) {
			return new Task(Kind.REPORT, clean(m.group(1)), null, List.of(), null);
		}
		return new Task(Kind.REPORT, clean(g), null, List.of(), null);
	}

	/** The URL the subject names, if it is one. */
	@Nullable String url() {
		Matcher m = URL.matcher(subject);
		return m.find() ? m.group() : null;
	}

	private static String clean(String text) {
		return text.strip().replaceAll("^(?:the|our)\\s+", "").replaceAll("[\\s.?!]+$", "").replaceAll("^[\"“](.*)[\"”]$", "$1");
	}
}
