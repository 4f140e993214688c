package io.knowledgecloud.ingest.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.knowledgecloud.ingest.internal.ExtractedDocument.Heading;

/**
 * Cuts a document at its headings. A section runs from one heading (included) to the next and
 * carries the path of headings it sits under; text before the first heading forms a section with
 * an empty path. Chunks never span two sections.
 *
 * <p>A section holding nothing but its heading line is joined to the section after it when that
 * one is nested below it ({@code Chapter 2} directly followed by {@code 2.1 Scope}): the heading
 * alone would make a useless chunk, and the next section's path names it anyway. Blank sections
 * are dropped.
 */
final class Sections {

	record Section(int start, int end, List<String> headingPath) {
	}

	private Sections() {
	}

	static List<Section> of(ExtractedDocument document) {
		String text = document.text();
		List<Section> sections = new ArrayList<>();
		Deque<Heading> open = new ArrayDeque<>();
		int start = 0;
		List<String> path = List.of();
		for (Heading heading : document.headings()) {
			int offset = Math.min(Math.max(heading.offset(), start), text.length());
			if (offset > start) {
				sections.add(new Section(start, offset, path));
			}
			while (!open.isEmpty() && open.peekLast().level() >= heading.level()) {
				open.removeLast();
			}
			open.addLast(heading);
			path = open.stream().map(Heading::text).toList();
			start = offset;
		}
		sections.add(new Section(start, text.length(), path));
		return joinHeadingOnly(text, sections.stream().filter(s -> !text.substring(s.start(), s.end()).isBlank()).toList());
	}

	private static List<Section> joinHeadingOnly(String text, List<Section> sections) {
		List<Section> joined = new ArrayList<>(sections.size());
		int carriedStart = -1;
		for (int i = 0; i < sections.size(); i++) {
			Section section = sections.get(i);
			int start = carriedStart >= 0 ? carriedStart : section.start();
			boolean headingOnly = !section.headingPath().isEmpty()
					&& text.substring(section.start(), section.end()).strip().indexOf('\n') < 0;
			if (headingOnly && i + 1 < sections.size() && nestedBelow(sections.get(i + 1), section)) {
				carriedStart = start;
				continue;
			}
			joined.add(new Section(start, section.end(), section.headingPath()));
			carriedStart = -1;
		}
		return joined;
	}

	private static boolean nestedBelow(Section inner, Section outer) {
		List<String> innerPath = inner.headingPath();
		List<String> outerPath = outer.headingPath();
		return innerPath.size() > outerPath.size() && innerPath.subList(0, outerPath.size()).equals(outerPath);
	}
}
