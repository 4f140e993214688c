package io.knowledgecloud.platform;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.jspecify.annotations.Nullable;

/**
 * Collects a response body up to {@code max} bytes, then cancels the subscription so nothing more
 * is read from the socket: a hostile server cannot make us buffer more than the cap.
 */
final class CappedBody implements java.net.http.HttpResponse.BodySubscriber<CappedBody.Body> {

	/** What was read, and whether the body went on beyond it. */
	record Body(byte[] bytes, boolean truncated) {
	}

	private final long max;
	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final CompletableFuture<Body> result = new CompletableFuture<>();
	private Flow.@Nullable Subscription subscription;

	CappedBody(long max) {
		this.max = max;
	}

	@Override
	public CompletionStage<Body> getBody() {
		return result;
	}

	@Override
	public void onSubscribe(Flow.Subscription s) {
		subscription = s;
		s.request(1);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		Flow.Subscription s = subscription;
		for (ByteBuffer buffer : buffers) {
			int room = (int) Math.min(max - out.size(), buffer.remaining());
			byte[] chunk = new byte[room];
			buffer.get(chunk);
			out.write(chunk, 0, room);
			if (buffer.hasRemaining()) {
				result.complete(new Body(out.toByteArray(), true));
				if (s != null) {
					s.cancel();
				}
				return;
			}
		}
		if (s != null && !result.isDone()) {
			s.request(1);
		}
	}

	@Override
	public void onError(Throwable error) {
		result.completeExceptionally(error);
	}

	@Override
	public void onComplete() {
		result.complete(new Body(out.toByteArray(), false));
	}
}
