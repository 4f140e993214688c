package io.knowledgecloud.document.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When a workspace's last usage count may stand in for a fresh one: only below 90 % of both
 * quotas after the upload; the quota checks themselves are in {@code S3StorageAndQuotasIT}.
 */
class QuotaMarginTest {

	@Test
	void farBelowBothQuotasTheLastCountIsEnough() {
		assertThat(DocumentManagement.farBelowQuotas(10, 1_000, 1, 500, 100, 1_000_000)).isTrue();
	}

	@Test
	void nearEitherQuotaEveryUploadCountsAfresh() {
		assertThat(DocumentManagement.farBelowQuotas(89, 1_000, 1, 500, 100, 1_000_000)).isFalse();
		assertThat(DocumentManagement.farBelowQuotas(10, 899_000, 1, 1_000, 100, 1_000_000)).isFalse();
		// a tiny quota is always near: two documents allowed, none stored yet
		assertThat(DocumentManagement.farBelowQuotas(1, 0, 1, 10, 2, 1_000_000)).isFalse();
	}
}
