package io.knowledgecloud.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class QueryVectorTest {

	@Test
	void aVectorStillBeingComputedIsWaitedFor() {
		var pending = new CompletableFuture<float[]>();
		var vector = new QueryVector("q", "m", pending);
		CompletableFuture.runAsync(() -> pending.complete(new float[] { 1, 2 }));
		assertThat(vector.values()).containsExactly(1, 2);
		assertThat(QueryVector.of("q", "m", new float[] { 3 }).values()).containsExactly(3);
	}

	@Test
	void aFailedEmbeddingSurfacesAsItselfNotWrapped() {
		var failed = new QueryVector("q", "m",
				CompletableFuture.failedFuture(new IllegalStateException("the embedding service is down")));
		assertThatThrownBy(failed::values).isExactlyInstanceOf(IllegalStateException.class)
			.hasMessage("the embedding service is down");
	}
}
