package io.knowledgecloud.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work tied to the end of the current transaction, for what lives outside the database: waking a
 * worker once its rows are visible, dropping a cached copy of rows being changed.
 */
public final class AfterTransaction {

	private AfterTransaction() {
	}

	/** Runs {@code action} when the current transaction commits (never on rollback); at once without one. */
	public static void commit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

	/**
	 * Runs {@code action} now and again when the current transaction ends, however it ends: for an
	 * invalidation, so that a copy read in between (the old rows) does not outlive the change.
	 */
	public static void nowAndAtEnd(Runnable action) {
		action.run();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					action.run();
				}
			});
		}
	}
}
