package io.knowledgecloud.ingest.internal;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.WarmUp;

/** Builds Tika's parser configuration after the server is ready, before the first document needs it. */
@Component
@Order(10)
class ExtractorWarmUp implements WarmUp {

	private final IngestPipeline pipeline;

	ExtractorWarmUp(IngestPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public String name() {
		return "text extraction";
	}

	@Override
	public void run() {
		pipeline.warmUp();
	}
}
