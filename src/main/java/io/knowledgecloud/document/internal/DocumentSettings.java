package io.knowledgecloud.document.internal;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Document configuration ({@code kc.documents.*}).
 *
 * @param maxUploadSize largest accepted file (also applied to the multipart limit)
 * @param maxDocumentsPerWorkspace quota: documents (not deleted) per workspace
 * @param maxBytesPerWorkspace quota: bytes of current versions per workspace
 * @param versionsKept how many versions of a document are kept (older blobs are purged)
 * @param deletedRetention how long a deleted document's blobs are kept before the purge job removes them
 * @param downloadUrlTtl lifetime of signed download URLs
 * @param uploadUrlTtl lifetime of signed (single-use) upload URLs
 * @param purgeInterval how often the retention job runs (also read by its {@code @Scheduled})
 */
@Validated
@ConfigurationProperties("kc.documents")
public record DocumentSettings(@DefaultValue("100MB") DataSize maxUploadSize,
		@DefaultValue("100000") @Min(1) int maxDocumentsPerWorkspace,
		@DefaultValue("50GB") DataSize maxBytesPerWorkspace, @DefaultValue("10") @Min(1) int versionsKept,
		@DefaultValue("7d") Duration deletedRetention, @DefaultValue("15m") Duration downloadUrlTtl,
		@DefaultValue("1h") Duration uploadUrlTtl, @DefaultValue("PT1H") Duration purgeInterval) {
}
