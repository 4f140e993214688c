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
import org.opensearch.client.opensearch.core.bulk.OperationType;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.transport.BackoffPolicy;

/**
 * Bulk writes that wait until they are searchable and ride out back-pressure: a request or the
 * items that the cluster rejected with 429 ({@code es_rejected_execution_exception}, full write
 * queue) are sent again after an exponential backoff; a delete or update of a chunk that is gone
 * already is fine; any other item failure is an error.
 */
final class OpenSearchBulk {

	/** Bounds one request's size; bigger documents go in several requests. */
	static final int MAX_OPERATIONS = 500;
	private static final int TOO_MANY_REQUESTS = 429;

	private final OpenSearchClient client;
	private final BackoffPolicy backoff;

	OpenSearchBulk(OpenSearchClient client) {
		// from 50 ms growing exponentially, 8 retries: about 5 s of patience in all
		this(client, BackoffPolicy.exponentialBackoff());
	}

	OpenSearchBulk(OpenSearchClient client, BackoffPolicy backoff) {
		this.client = client;
		this.backoff = backoff;
	}

	/** Applies {@code operations}; returns once they are durable and visible to searches. */
	void write(List<BulkOperation> operations) {
		for (int from = 0; from < operations.size(); from += MAX_OPERATIONS) {
			send(operations.subList(from, Math.min(operations.size(), from + MAX_OPERATIONS)));
		}
	}

	private void send(List<BulkOperation> batch) {
		List<BulkOperation> pending = batch;
		Iterator<Long> delays = backoff.iterator();
		while (!pending.isEmpty()) {
			List<BulkOperation> rejected = new ArrayList<>();
			BulkResponse response = execute(pending, delays);
			if (response.errors()) {
				List<BulkResponseItem> items = response.items();
				for (int i = 0; i < items.size(); i++) {
					BulkResponseItem item = items.get(i);
					if (item.error() == null) {
						continue;
					}
					if (item.status() == TOO_MANY_REQUESTS) {
						rejected.add(pending.get(i));
					}
					else if (!gone(item)) {
						throw new IllegalStateException("OpenSearch refused a write to " + item.index() + "/"
								+ item.id() + ": " + item.error().type() + ": " + item.error().reason());
					}
				}
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

	private BulkResponse execute(List<BulkOperation> operations, Iterator<Long> delays) {
		while (true) {
			try {
				return client.bulk(b -> b.operations(operations).refresh(Refresh.WaitFor));
			}
			catch (OpenSearchException e) {
				if (e.status() != TOO_MANY_REQUESTS) {
					throw e;
				}
				pause(delays, "bulk request rejected with 429");
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	private static void pause(Iterator<Long> delays, String why) {
		if (!delays.hasNext()) {
			throw new IllegalStateException("OpenSearch is overloaded: " + why + ", retries exhausted");
		}
		try {
			Thread.sleep(delays.next());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while backing off: " + why, e);
		}
	}
}
