package io.knowledgecloud.assistant;

import java.util.List;

/** Receives a streamed answer: the sources first, then text, then checked citations, then the whole answer. */
public interface AnswerListener {

	void retrieval(List<Answer.Source> sources);

	void token(String text);

	void citation(Citation citation);

	void done(Answer answer);
}
