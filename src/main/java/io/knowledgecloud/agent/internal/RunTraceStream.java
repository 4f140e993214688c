package io.knowledgecloud.agent.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.knowledgecloud.agent.AgentRun;
import io.knowledgecloud.agent.AgentRunStatus;
import io.knowledgecloud.platform.BackgroundService;

/**
 * Live trace of a run over Server-Sent Events: {@code step} events (id = step number, so
 * {@code Last-Event-ID} resumes), {@code status} events when the status changes, and {@code end}
 * once the run finished. One thread per replica polls the tables for its subscribers, so steps
 * written by a worker on any replica reach every client.
 */
@Component
public class RunTraceStream extends BackgroundService {

	static final Duration POLL = Duration.ofMillis(300);
	static final Duration TIMEOUT = Duration.ofMinutes(30);

	private static final class Subscriber {
		final AgentRun run;
		final SseEmitter emitter;
		int lastSeq;
		AgentRunStatus lastStatus;

		Subscriber(AgentRun run, SseEmitter emitter, int lastSeq) {
			this.run = run;
			this.emitter = emitter;
			this.lastSeq = lastSeq;
			this.lastStatus = run.status();
		}
	}

	private final StepStore steps;
	private final RunStore runs;
	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	RunTraceStream(StepStore steps, RunStore runs) {
		super("agent-trace", POLL, Duration.ofSeconds(2));
		this.steps = steps;
		this.runs = runs;
	}

	/** Streams the run's steps after {@code lastSeq} (0 = from the start) and what follows. */
	public SseEmitter subscribe(AgentRun run, int lastSeq) {
		var subscriber = new Subscriber(run, new SseEmitter(TIMEOUT.toMillis()), lastSeq);
		subscriber.emitter.onCompletion(() -> subscribers.remove(subscriber));
		subscriber.emitter.onTimeout(() -> subscribers.remove(subscriber));
		subscriber.emitter.onError(e -> subscribers.remove(subscriber));
		try {
			subscriber.emitter.send(SseEmitter.event().name("status").data(status(run), MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException gone) {
			return subscriber.emitter;
		}
		subscribers.add(subscriber);
		return subscriber.emitter;
	}

	@Override
	protected void stopped() {
		subscribers.forEach(s -> s.emitter.complete());
		subscribers.clear();
	}

	@Override
	protected boolean round() {
		for (Subscriber s : subscribers) {
			poll(s);
		}
		return false;
	}

	private void poll(Subscriber s) {
		try {
			AgentRun run = runs.find(s.run.id()).orElse(null);
			for (Step step : steps.after(s.run.id(), s.lastSeq, 200)) {
				s.emitter.send(SseEmitter.event().id(String.valueOf(step.seq())).name("step").data(step.view(),
						MediaType.APPLICATION_JSON));
				s.lastSeq = step.seq();
			}
			if (run == null) {
				s.emitter.complete();
				subscribers.remove(s);
				return;
			}
			if (run.status() != s.lastStatus) {
				s.lastStatus = run.status();
				s.emitter.send(SseEmitter.event().name("status").data(status(run), MediaType.APPLICATION_JSON));
			}
			if (run.status().finished() && steps.after(run.id(), s.lastSeq, 1).isEmpty()) {
				s.emitter.send(SseEmitter.event().name("end").data(status(run), MediaType.APPLICATION_JSON));
				s.emitter.complete();
				subscribers.remove(s);
			}
		}
		catch (IOException | IllegalStateException gone) {
			subscribers.remove(s);
		}
	}

	private static Map<String, Object> status(AgentRun run) {
		var body = new java.util.LinkedHashMap<String, Object>();
		body.put("run_id", run.id().toString());
		body.put("status", run.status().name());
		body.put("error_code", run.errorCode());
		body.put("tokens_used", run.tokensUsed());
		return body;
	}
}
