package io.knowledgecloud.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Which stages of a job are reported to the document (status PROCESSING with the stage). */
class StageReportsTest {

	private static final Duration AFTER = Duration.ofMillis(250);
	private static final long MS = 1_000_000;

	@Test
	void theFirstStageIsAlwaysReported() {
		assertThat(IngestPipeline.Progress.worthReporting(true, 0, 0, AFTER)).isTrue();
	}

	@Test
	void aQuickNextStageOfASmallDocumentIsFoldedIntoThePreviousReport() {
		assertThat(IngestPipeline.Progress.worthReporting(false, 40 * MS, 0, AFTER)).isFalse();
	}

	@Test
	void aStageIsReportedWhenThePreviousReportIsOldEnough() {
		assertThat(IngestPipeline.Progress.worthReporting(false, 250 * MS, 0, AFTER)).isTrue();
	}

	@Test
	void aStageWithLargeWorkIsReportedAtOnce() {
		assertThat(IngestPipeline.Progress.worthReporting(false, 1 * MS, 3, AFTER)).isTrue();
	}

	@Test
	void zeroReportsEveryStage() {
		assertThat(IngestPipeline.Progress.worthReporting(false, 0, 0, Duration.ZERO)).isTrue();
	}
}
