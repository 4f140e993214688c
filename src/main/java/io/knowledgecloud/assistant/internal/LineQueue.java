package io.knowledgecloud.assistant.internal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

import org.jspecify.annotations.Nullable;

/**
 * Receives a response body's lines on the HTTP client's threads; the caller takes them from
 * {@link #items}, followed by {@link #END} or the failure (a {@link Throwable}).
 */
final class LineQueue implements Flow.Subscriber<String> {

	static final Object END = new Object();

	final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
	private volatile Flow.@Nullable Subscription subscription;

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		// answers are small; the caller drains the queue as fast as the provider writes
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(String line) {
		items.add(line);
	}

	@Override
	public void onError(Throwable error) {
		items.add(error);
	}

	@Override
	public void onComplete() {
		items.add(END);
	}

	void cancel() {
		Flow.Subscription s = subscription;
		if (s != null) {
			s.cancel();
		}
	}
}
