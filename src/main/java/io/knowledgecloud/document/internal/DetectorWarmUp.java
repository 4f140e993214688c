package io.knowledgecloud.document.internal;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.WarmUp;

/** Builds Tika's type detector after the server is ready, before the first upload needs it. */
@Component
@Order(20)
class DetectorWarmUp implements WarmUp {

	private final UploadSpooler spooler;

	DetectorWarmUp(UploadSpooler spooler) {
		this.spooler = spooler;
	}

	@Override
	public String name() {
		return "type detection";
	}

	@Override
	public void run() {
		spooler.warmUp();
	}
}
