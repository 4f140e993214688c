package io.knowledgecloud.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.bulk.OperationType;
import org.opensearch.client.transport.BackoffPolicy;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * Requests that ride out back-pressure: a request, or the bulk items, that the cluster rejected
 * with 429 ({@code rejected_execution_exception}: a full write or search queue) are sent again
 * after an exponential backoff. Bulk writes wait until they are searchable; in them a delete or
 * update of a chunk that is gone already is fine, and any other item failure is an error.
 */
final class OpenSearchRequests {

	/** One call to the cluster. */
	@FunctionalInterface
	interface Call<T> {

		T execute() throws IOException;
	}

	/** Bounds one bulk request's size; bigger documents go in several requests. */
	static final int MAX_OPERATIONS = 500;
	static final int TOO_MANY_REQUESTS = 429;

	private final OpenSearchClient client;
	private final BackoffPolicy backoff;

	OpenSearchRequests(OpenSearchClient client) {
		// from 50 ms growing exponentially, 8 retries: about 5 s of patience in all
		this(client, BackoffPolicy.exponentialBackoff());
	}

	OpenSearchRequests(OpenSearchClient client, BackoffPolicy backoff) {
		this.client = client;
		this.backoff = backoff;
	}

	/** Runs {@code call}, again after a pause while the cluster answers 429. */
	<T> T call(Call<T> call) {
		return call(call, backoff.iterator());
	}

	/**
	 * Runs {@code call} again for something the cluster just rejected with 429 inside a bigger
	 * answer (an item of an {@code _msearch}): after each pause of the back-off, until
	 * {@code rejected} no longer holds for its result.
	 */
	<T> T again(Call<T> call, java.util.function.Predicate<T> rejected, String why) {
		Iterator<Long> delays = backoff.iterator();
		T result;
		do {
			pause(delays, why);
			result = call(call, delays);
		}
		while (rejected.test(result));
		return result;
	}

	/**
	 * Applies {@code operations}; returns once they are durable (translog). They are visible to
	 * searches after the next refresh, which {@link OpenSearchIndex#commit()} (or the index's own
	 * refresh interval) makes.
	 */
	void bulk(List<BulkOperation> operations) {
		for (int from = 0; from < operations.size(); from += MAX_OPERATIONS) {
			send(operations.subList(from, Math.min(operations.size(), from + MAX_OPERATIONS)));
		}
	}

	private void send(List<BulkOperation> batch) {
		List<BulkOperation> pending = batch;
		Iterator<Long> delays = backoff.iterator();
		while (!pending.isEmpty()) {
			List<BulkOperation> sent = pending;
			BulkResponse response = call(() -> client.bulk(b -> b.operations(sent).refresh(Refresh.False)), delays);
			List<BulkOperation> rejected = new ArrayList<>();
			List<BulkResponseItem> items = response.items();
			for (int i = 0; response.errors() && i < items.size(); i++) {
				BulkResponseItem item = items.get(i);
				if (item.error() == null || gone(item)) {
					continue;
				}
				if (item.status() != TOO_MANY_REQUESTS) {
					throw new IllegalStateException("OpenSearch refused a write to " + item.index() + "/" + item.id()
							+ ": " + item.error().type() + ": " + item.error().reason());
				}
				rejected.add(sent.get(i));
			}
			if (!rejected.isEmpty()) {
				pause(delays, "bulk items rejected with 429");
			}
			pending = rejected;
		}
	}

	/** A delete or update of a chunk that a concurrent write of its document removed first. */
	private static boolean gone(BulkResponseItem item) {
		return item.status() == 404 && item.operationType() != OperationType.Index;
	}

	private static <T> T call(Call<T> call, Iterator<Long> delays) {
		while (true) {
			try {
				return call.execute();
			}
			catch (ResponseException e) {
				// the transport reports 4xx other than 400-405 this way, 429 included
				if (e.status() != TOO_MANY_REQUESTS) {
					throw new UncheckedIOException(e);
				}
				pause(delays, "request rejected with 429");
			}
			catch (OpenSearchException e) {
				if (e.status() != TOO_MANY_REQUESTS) {
					throw e;
				}
				pause(delays, "request rejected with 429");
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	private static void pause(Iterator<Long> delays, String why) {
		if (!delays.hasNext()) {
			throw new SearchProblems.Unavailable("The search cluster is overloaded (" + why + ", retries exhausted).");
		}
		try {
			Thread.sleep(delays.next());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SearchProblems.Unavailable("Interrupted while backing off (" + why + ").");
		}
	}
}
