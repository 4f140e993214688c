package io.knowledgecloud.assistant;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.knowledgecloud.assistant.internal.AssistantProblems.ConversationNotFound;
import io.knowledgecloud.assistant.internal.AssistantProblems.InvalidQuestion;
import io.knowledgecloud.assistant.internal.AssistantSettings;
import io.knowledgecloud.assistant.internal.ChatModels;
import io.knowledgecloud.assistant.internal.ConversationStore;
import io.knowledgecloud.assistant.internal.Grounding;
import io.knowledgecloud.assistant.internal.PromptTemplate;
import io.knowledgecloud.assistant.internal.PromptTemplates;
import io.knowledgecloud.assistant.internal.SemanticCache;
import io.knowledgecloud.assistant.internal.UsageLedger;
import io.knowledgecloud.assistant.internal.WorkspaceLimits;
import io.knowledgecloud.embedding.Embeddings;
import io.knowledgecloud.assistant.spi.ChatListener;
import io.knowledgecloud.assistant.spi.ChatMessage;
import io.knowledgecloud.assistant.spi.ChatRequest;
import io.knowledgecloud.assistant.spi.ChatResponse;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.search.Collapse;
import io.knowledgecloud.search.Search;
import io.knowledgecloud.search.QueryVector;
import io.knowledgecloud.search.SearchHit;
import io.knowledgecloud.search.SearchMode;
import io.knowledgecloud.search.SearchQuery;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Answers questions from a workspace's documents: the question (folded together with the
 * conversation so far) is searched in hybrid mode with the caller's access rights, the best
 * passages are assembled within a token budget, the chat model answers with {@code [n]} markers,
 * and every citation is checked against its source before the answer is returned.
 */
@Service
public class Answers {

	/** Longest text the assistant searches for (the search module's default query length limit). */
	private static final int SEARCH_TEXT_LIMIT = 1000;

	private static final Pattern FOLLOW_UP = Pattern
		.compile("\\b(it|its|they|them|their|this|that|these|those|he|she|his|her|there|also|more)\\b");

	private final Search search;
	private final ChatModels models;
	private final ConversationStore conversations;
	private final WorkspaceAccess access;
	private final AssistantSettings settings;
	private final Grounding grounding;
	private final MeterRegistry meters;
	private final Embeddings embeddings;
	private final SemanticCache cache;
	private final UsageLedger ledger;
	private final WorkspaceLimits limits;
	private final PromptTemplates templates;

	Answers(Search search, ChatModels models, ConversationStore conversations, WorkspaceAccess access,
			AssistantSettings settings, Grounding grounding, MeterRegistry meters, Embeddings embeddings,
			SemanticCache cache, UsageLedger ledger, WorkspaceLimits limits, PromptTemplates templates) {
		this.templates = templates;
		this.embeddings = embeddings;
		this.cache = cache;
		this.ledger = ledger;
		this.limits = limits;
		this.search = search;
		this.models = models;
		this.conversations = conversations;
		this.access = access;
		this.settings = settings;
		this.grounding = grounding;
		this.meters = meters;
	}

	/** The whole answer at once. */
	public Answer answer(WorkspaceId ws, CurrentUser caller, AnswerRequest request) {
		return run(validate(ws, caller, request), null, true);
	}

	/**
	 * The answer to a request that {@link #validate} admitted, streamed to {@code listener}; also
	 * returned when done.
	 */
	public Answer stream(Admitted admitted, AnswerListener listener) {
		return run(admitted, listener, true);
	}

	/**
	 * A request that passed {@link #validate}: the caller's role, the chat model selected for it
	 * (the answer uses this one, so the budget checked is the budget of the model called), and
	 * whether the workspace was over its monthly budget with the extractive fallback (no model is
	 * called then). Only {@link #validate} makes one.
	 */
	public static final class Admitted {

		private final WorkspaceId ws;
		private final CurrentUser caller;
		private final AnswerRequest request;
		private final Role role;
		private final ChatModels.Selected selected;
		private final boolean overBudget;
		/** The question's vector, being computed since the request was admitted; null when not needed. */
		private final @Nullable QueryVector question;

		private Admitted(WorkspaceId ws, CurrentUser caller, AnswerRequest request, Role role,
				ChatModels.Selected selected, boolean overBudget, @Nullable QueryVector question) {
			this.ws = ws;
			this.caller = caller;
			this.request = request;
			this.role = role;
			this.selected = selected;
			this.overBudget = overBudget;
			this.question = question;
		}
	}

	/**
	 * Checks a request before any work (and before a stream starts), so errors are plain problems:
	 * access, the question, the conversation, and for a language model the workspace's monthly
	 * budget ({@code budget_exceeded}, unless it falls back to extractive answers) and whether its
	 * per-minute allowance has a request left ({@code assistant_rate_limited}). The month-to-date
	 * spend is read once here, and the answer goes by it.
	 * <p>
	 * An admitted question that will be embedded as it is (no conversation to fold in, no rewriting)
	 * starts its embedding here, on another core, while the request is prepared and the keyword search
	 * runs (ADR 47).
	 */
	public Admitted validate(WorkspaceId ws, CurrentUser caller, AnswerRequest request) {
		Role role = access.require(ws, caller, Role.VIEWER);
		String question = question(request.question());
		if (request.conversationId() != null) {
			conversations.find(ws.value(), caller.userId().value(), request.conversationId())
				.orElseThrow(ConversationNotFound::new);
		}
		boolean overBudget = false;
		ChatModels.Selected selected = models.select(ws.value());
		if (models.languageModel(selected)) {
			// throws when the workspace refuses answers over its budget; over budget with the extractive
			// fallback, no model is called, so the per-minute allowance does not apply
			overBudget = limits.overBudget(ws.value());
			if (!overBudget) {
				limits.requireAllowance(ws.value());
			}
		}
		// embedded as asked: looked up in the semantic cache, or searched as it is (no rewriting, not clipped)
		boolean callsModel = models.languageModel(selected) && !overBudget;
		boolean asAsked = request.conversationId() == null && request.history().isEmpty();
		boolean searchedAsAsked = !(callsModel && (settings.queryRewriting() || settings.hyde()))
				&& question.length() <= SEARCH_TEXT_LIMIT;
		QueryVector vector = asAsked && (cache.enabled() || searchedAsAsked) ? new QueryVector(question,
				embeddings.modelId(), embeddings.embedQueryAhead(embeddings.modelId(), question)) : null;
		return new Admitted(ws, caller, request, role, selected, overBudget, vector);
	}

	private Answer run(Admitted admitted, @Nullable AnswerListener listener, boolean useCache) {
		long started = System.nanoTime();
		WorkspaceId ws = admitted.ws;
		CurrentUser caller = admitted.caller;
		AnswerRequest request = admitted.request;
		Role role = admitted.role;
		String question = question(request.question());
		UUID conversationId = request.conversationId();
		List<AnswerRequest.Turn> history = conversationId == null ? lastTurns(request.history())
				: conversations.recent(conversationId, settings.historyMessages())
					.stream()
					.map(m -> new AnswerRequest.Turn(m.role(), m.content()))
					.toList();
		String standalone = standalone(question, history);
		ChatModels.Selected selected = admitted.selected;
		boolean languageModel = models.languageModel(selected);
		boolean overBudget = admitted.overBudget;
		// over budget with the extractive fallback, no call goes to the model, helpers included
		boolean callsModel = languageModel && !overBudget;
		String model = selected.workspaceOwn() ? selected.modelName() : model(standalone);
		int[] extra = new int[2];
		if (callsModel && settings.condenseWithModel() && !history.isEmpty()) {
			// the model knows what "they" and "it" refer to; the rule's guess stays the fallback
			String condensed = helper(selected, model, extra, CONDENSE, transcript(history, question), standalone).strip();
			if (!condensed.isEmpty() && condensed.length() <= settings.maxQuestionLength()) {
				standalone = condensed;
			}
		}
		String tier = selected.workspaceOwn() || !settings.tiering().enabled() || !languageModel ? "default"
				: model.equals(settings.tiering().largeModel()) ? "large" : "small";

		// a nearly identical earlier question in the same scope: reuse its answer
		SemanticCache.Scope scope = new SemanticCache.Scope(ws.value(),
				role.atLeast(Role.ADMIN) ? null : caller.userId().value(),
				request.tags() + "|" + request.collections() + "|" + request.documents(), model);
		boolean cacheable = useCache && cache.enabled() && history.isEmpty();
		long cacheEpoch = cache.epoch(ws.value());
		QueryVector early = admitted.question;
		float[] questionVector = !cacheable ? null
				: early != null && early.text().equals(standalone) ? early.values() : embeddings.embedQuery(standalone);
		if (cacheable) {
			Answer hit = cache.find(scope, questionVector).orElse(null);
			if (hit != null) {
				Answer answer = hit.fromCache(standalone, (System.nanoTime() - started) / 1_000_000);
				if (listener != null) {
					listener.retrieval(answer.sources());
					listener.token(answer.text());
					answer.citations().forEach(listener::citation);
					listener.done(answer);
				}
				return answer;
			}
		}

		String searchText = standalone;
		if (callsModel && settings.queryRewriting()) {
			searchText = helper(selected, model, extra, "Rewrite the user's question as one short search query for a "
					+ "document search engine. Keep names, numbers and technical terms. Answer with the query only.",
					standalone, standalone);
		}
		if (callsModel && settings.hyde()) {
			searchText = searchText + "\n" + helper(selected, model, extra, "Write a short hypothetical factual passage (at most "
					+ "three sentences) that would answer the question, as it might appear in a document. Answer with "
					+ "the passage only.", standalone, "");
		}
		// the question's vector serves search too when the question is searched as it is
		QueryVector known = questionVector == null ? early
				: QueryVector.of(standalone, embeddings.modelId(), questionVector);
		List<SearchHit> hits = search.search(ws, caller, new SearchQuery(clip(searchText), SearchMode.HYBRID,
				settings.retrievalLimit(), null, request.tags(), request.collections(), List.of(), null, null,
				Set.copyOf(request.documents()), Collapse.DUPLICATES, false, false, false, false), known).hits();
		Grounding.Context context = grounding.assemble(standalone, hits);
		// Sources go out before any token. A remote model is asked first and the sources are sent while
		// it works on the request, so sending them does not delay its first token (ADR 47).
		var retrieval = new Runnable() {
			boolean sent;

			@Override
			public void run() {
				if (!sent && listener != null) {
					sent = true;
					listener.retrieval(context.sources());
				}
			}
		};
		if (!callsModel || context.empty()) {
			retrieval.run();
		}
		ChatListener tokens = new ChatListener() {
			@Override
			public void requestSent() {
				retrieval.run();
			}

			@Override
			public void token(String text) {
				retrieval.run();
				if (listener != null) {
					listener.token(text);
				}
			}

			@Override
			public void complete(ChatResponse response) {
			}
		};
		ChatModels.Outcome outcome;
		try {
			outcome = generate(admitted, model, standalone, history, context, listener != null, tokens);
		}
		finally {
			retrieval.run(); // no token came, or the model failed before its request went out
		}
		String degradedReason = context.empty() ? null
				: languageModel && overBudget ? "budget_exceeded" : outcome.degraded() ? "provider_failed" : null;
		Grounding.Checked checked = grounding.check(outcome.response().content(), context);
		if (listener != null) {
			checked.citations().forEach(listener::citation);
		}
		ChatResponse.Usage answerUsage = outcome.response().usage();
		ChatResponse.Usage usage = new ChatResponse.Usage(answerUsage.inputTokens() + extra[0],
				answerUsage.outputTokens() + extra[1], answerUsage.estimated());
		String answeredBy = outcome.response().model();
		BigDecimal cost = outcome.degraded() ? BigDecimal.ZERO : cost(answeredBy, usage);
		var answer = new Answer(checked.text(), checked.citations(), context.sources(),
				!context.empty() && !checked.citations().isEmpty(), outcome.degraded(), checked.unsupportedSentences(),
				outcome.provider(), answeredBy,
				new Answer.Usage(usage.inputTokens(), usage.outputTokens(), usage.estimated(), cost), standalone,
				conversationId, (System.nanoTime() - started) / 1_000_000, tier, false, degradedReason);
		ledger.record(ws.value(), caller.userId().value(), answeredBy, usage.inputTokens(), usage.outputTokens(), cost);
		if (conversationId != null) {
			conversations.append(conversationId, "user", question, List.of());
			conversations.append(conversationId, "assistant", answer.text(), answer.citations());
		}
		if (cacheable && !answer.degraded() && !context.empty()) {
			cache.put(scope, questionVector, answer, cacheEpoch);
		}
		Timer.builder("kc.assistant.answers")
			.tag("provider", answer.provider())
			.tag("degraded", String.valueOf(answer.degraded()))
			.register(meters)
			.record(java.time.Duration.ofNanos(System.nanoTime() - started));
		if (listener != null) {
			listener.done(answer);
		}
		return answer;
	}

	/** The model's answer to the assembled context, streamed to {@code tokens} when {@code streaming}. */
	private ChatModels.Outcome generate(Admitted admitted, String model, String standalone,
			List<AnswerRequest.Turn> history, Grounding.Context context, boolean streaming, ChatListener tokens) {
		if (context.empty()) {
			tokens.token(Grounding.NO_SOURCES);
			return new ChatModels.Outcome(new ChatResponse(Grounding.NO_SOURCES, List.of(),
					new ChatResponse.Usage(0, 0, true), "stop", model), admitted.selected.model().id(), false);
		}
		List<ChatMessage> past = new ArrayList<>();
		for (var m : history) {
			past.add(new ChatMessage(m.role(), m.content(), List.of(), null));
		}
		ChatRequest chat = new ChatRequest(model, grounding.prompt(admitted.ws, standalone, context, past),
				context.passages(), standalone, List.of(), settings.maxAnswerTokens(), 0.1);
		boolean languageModel = models.languageModel(admitted.selected);
		if (languageModel && admitted.overBudget) {
			return models.extractive(chat, tokens);
		}
		if (languageModel) {
			limits.acquire(admitted.ws.value());
		}
		return streaming ? models.stream(admitted.selected, chat, tokens) : models.chat(admitted.selected, chat);
	}

	/**
	 * The prompt {@code question} would produce with the active template, or with a draft
	 * ({@code system} and {@code user} both given), without calling a model.
	 */
	public PromptPreview preview(WorkspaceId ws, CurrentUser caller, String question, @Nullable String system,
			@Nullable String user) {
		access.require(ws, caller, Role.ADMIN);
		String q = question(question);
		PromptTemplate template;
		if (system != null || user != null) {
			if (system == null || user == null) {
				throw new InvalidQuestion("invalid_template", "A draft needs both 'system' and 'user'.");
			}
			PromptTemplates.check(system, user);
			template = new PromptTemplate("draft", 0, system, user);
		}
		else {
			template = templates.active(ws.value());
		}
		List<SearchHit> hits = search.search(ws, caller, new SearchQuery(q, SearchMode.HYBRID,
				settings.retrievalLimit(), null, List.of(), List.of(), List.of(), null, null, Set.of(),
				Collapse.DUPLICATES, false, false, false, false)).hits();
		Grounding.Context context = grounding.assemble(q, hits);
		var messages = grounding.prompt(template, ws, q, context, List.of())
			.stream()
			.map(m -> new PromptPreview.Message(m.role(), m.content()))
			.toList();
		return new PromptPreview(template.version(), messages, context.sources());
	}

	/**
	 * Runs a question set through the whole pipeline as {@code caller} (admins) and scores retrieval,
	 * citations and latency. The semantic cache is bypassed so every question is answered afresh.
	 */
	public AnswerEvaluation evaluate(WorkspaceId ws, CurrentUser caller, List<AnswerEvaluation.Question> questions) {
		access.require(ws, caller, Role.ADMIN);
		if (questions.isEmpty() || questions.size() > 1000) {
			throw new InvalidQuestion("invalid_question_set",
					"Send between 1 and 1000 questions, not " + questions.size() + ".");
		}
		List<AnswerEvaluation.Result> results = new ArrayList<>();
		long[] latencies = new long[questions.size()];
		int hits = 0;
		double mrr = 0;
		int answered = 0;
		int citations = 0;
		int supported = 0;
		int citedRelevant = 0;
		int citedSentences = 0;
		int unsupportedSentences = 0;
		long in = 0;
		long out = 0;
		BigDecimal cost = BigDecimal.ZERO;
		for (int i = 0; i < questions.size(); i++) {
			AnswerEvaluation.Question q = questions.get(i);
			Answer a = run(validate(ws, caller, AnswerRequest.of(q.question())), null, false);
			latencies[i] = a.latencyMs();
			Integer first = null;
			for (Answer.Source source : a.sources()) {
				if (q.relevantDocumentIds().contains(source.documentId())) {
					first = source.number();
					break;
				}
			}
			if (first != null) {
				hits++;
				mrr += 1.0 / first;
			}
			answered += a.answered() ? 1 : 0;
			int ok = 0;
			java.util.Set<String> sentences = new java.util.HashSet<>();
			for (Citation c : a.citations()) {
				ok += c.supported() ? 1 : 0;
				citedRelevant += q.relevantDocumentIds().contains(c.documentId()) ? 1 : 0;
				sentences.add(c.sentence());
			}
			citations += a.citations().size();
			supported += ok;
			citedSentences += sentences.size();
			unsupportedSentences += a.unsupportedSentences();
			in += a.usage().inputTokens();
			out += a.usage().outputTokens();
			cost = cost.add(a.usage().cost());
			Double overlap = q.referenceAnswer() == null ? null
					: io.knowledgecloud.assistant.internal.Sentences.coverage(
							io.knowledgecloud.assistant.internal.Sentences.terms(q.referenceAnswer()),
							io.knowledgecloud.assistant.internal.Sentences.terms(a.text()));
			results.add(new AnswerEvaluation.Result(q.question(), a.answered(), first, a.citations().size(), ok,
					a.latencyMs(), overlap, a.text()));
		}
		java.util.Arrays.sort(latencies);
		int n = questions.size();
		return new AnswerEvaluation(n, (double) hits / n, mrr / n, (double) answered / n,
				citations == 0 ? 0 : (double) supported / citations, citations == 0 ? 0 : (double) citedRelevant / citations,
				citedSentences == 0 ? 0 : (double) unsupportedSentences / citedSentences, latencies[(n - 1) / 2],
				latencies[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)], (double) in / n, (double) out / n, cost,
				results);
	}

	/**
	 * One short call to the language model before retrieval (query rewriting, HyDE). A failure
	 * answers {@code fallback}: these steps may improve retrieval but never break an answer.
	 */
	private String helper(ChatModels.Selected selected, String model, int[] usage, String instruction, String question,
			String fallback) {
		try {
			ChatResponse r = selected.model().chat(new ChatRequest(model, List.of(ChatMessage.system(instruction),
					ChatMessage.user(question)), List.of(), question, List.of(), 200, 0.0));
			usage[0] += r.usage().inputTokens();
			usage[1] += r.usage().outputTokens();
			String text = r.content().strip();
			return text.isEmpty() ? fallback : text;
		}
		catch (io.knowledgecloud.assistant.spi.ChatModelFailed e) {
			return fallback;
		}
	}

	/** Search text within the search module's query length limit. */
	private static String clip(String text) {
		return text.length() <= SEARCH_TEXT_LIMIT ? text : text.substring(0, SEARCH_TEXT_LIMIT);
	}

	/** The model to ask: the configured one, or by tier when tiering is on. */
	private String model(String question) {
		var tiering = settings.tiering();
		if (!tiering.enabled() || tiering.smallModel() == null || tiering.largeModel() == null) {
			return settings.model();
		}
		String lower = question.toLowerCase(Locale.ROOT);
		boolean hard = question.split("\\s+").length > tiering.maxSimpleWords()
				|| tiering.hardWords().stream().anyMatch(lower::contains);
		return hard ? tiering.largeModel() : tiering.smallModel();
	}

	private String question(@Nullable String question) {
		String q = question == null ? "" : question.strip();
		if (q.isEmpty()) {
			throw new InvalidQuestion("question_required", "The question must not be empty.");
		}
		if (q.length() > settings.maxQuestionLength()) {
			throw new InvalidQuestion("question_too_long", "The question has " + q.length()
					+ " characters; at most " + settings.maxQuestionLength() + " are allowed (kc.assistant.max-question-length).");
		}
		return q;
	}

	/**
	 * The question to search for. A short follow-up, or one that refers back ("it", "they",
	 * "this"…), is searched together with the previous question of the conversation.
	 */
	private List<AnswerRequest.Turn> lastTurns(List<AnswerRequest.Turn> turns) {
		return turns.subList(Math.max(0, turns.size() - settings.historyMessages()), turns.size());
	}

	private static final String CONDENSE = "Rewrite the user's last question as one standalone question that "
			+ "can be understood without the conversation: resolve pronouns and references, keep names, numbers and "
			+ "technical terms. Answer with the question only.";

	/** The conversation and the follow-up, as the condensing prompt shows them. */
	static String transcript(List<AnswerRequest.Turn> history, String question) {
		StringBuilder s = new StringBuilder("Conversation:\n");
		for (AnswerRequest.Turn turn : history) {
			String content = turn.content().length() > 1000 ? turn.content().substring(0, 1000) + "…" : turn.content();
			s.append(turn.role()).append(": ").append(content.replace('\n', ' ')).append('\n');
		}
		return s.append("\nLast question: ").append(question).toString();
	}

	static String standalone(String question, List<AnswerRequest.Turn> history) {
		String previous = null;
		for (int i = history.size() - 1; i >= 0 && previous == null; i--) {
			if (history.get(i).role().equals("user")) {
				previous = history.get(i).content();
			}
		}
		if (previous == null) {
			return question;
		}
		boolean followUp = question.split("\\s+").length <= 6
				|| FOLLOW_UP.matcher(question.toLowerCase(Locale.ROOT)).find();
		return followUp ? previous + " " + question : question;
	}

	private BigDecimal cost(String model, ChatResponse.Usage usage) {
		AssistantSettings.Price price = settings.prices().get(model);
		if (price == null) {
			return BigDecimal.ZERO;
		}
		BigDecimal million = BigDecimal.valueOf(1_000_000);
		return price.input()
			.multiply(BigDecimal.valueOf(usage.inputTokens()))
			.add(price.output().multiply(BigDecimal.valueOf(usage.outputTokens())))
			.divide(million, MathContext.DECIMAL64);
	}
}
