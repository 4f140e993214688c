package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SimHash puts near-identical texts within the threshold and unrelated ones far apart. */
class SimHashTest {

	private static final String BASE = ("Photosynthesis converts light energy into chemical energy stored in glucose. "
			+ "Chlorophyll in the chloroplasts absorbs mostly blue and red light. The light reactions split water "
			+ "and release oxygen, while the Calvin cycle fixes carbon dioxide into sugars. ").repeat(6);

	@Test
	void identicalTextsHaveIdenticalFingerprints() {
		assertThat(SimHash.of(BASE)).isEqualTo(SimHash.of(BASE));
		assertThat(SimHash.of(BASE)).isEqualTo(SimHash.of(BASE.toUpperCase().replace(".", " ;")));
	}

	@Test
	void aSmallEditStaysWithinTheThreshold() {
		String edited = BASE.replaceFirst("mostly blue and red", "mainly blue and red");
		assertThat(SimHash.distance(SimHash.of(BASE), SimHash.of(edited))).isLessThanOrEqualTo(3);
	}

	@Test
	void unrelatedTextsAreFarApart() {
		String other = ("The French Revolution began in 1789 with the storming of the Bastille and ended the absolute "
				+ "monarchy. It spread ideas of citizenship and rights across Europe. ").repeat(6);
		assertThat(SimHash.distance(SimHash.of(BASE), SimHash.of(other))).isGreaterThan(10);
	}
}
