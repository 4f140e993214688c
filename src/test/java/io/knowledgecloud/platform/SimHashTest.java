package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

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

	@Test
	void fingerprintsStayTheSameAsTheFirstImplementationMadeThem() {
		// ingestion stores documents' fingerprints: a faster implementation must not change a bit
		for (String text : List.of(BASE, "", "  ", "# Tea", "one two", "Grüße aus Köln — 42 Äpfel, 7 Birnen!",
				"日本語のテキスト と English words mixed 123", "a b c d e f g h i j k l m n o p")) {
			assertThat(SimHash.of(text)).as(text).isEqualTo(firstImplementation(text));
		}
	}

	/** SimHash as first written: each shingle built as a string and hashed over its UTF-8 bytes. */
	private static long firstImplementation(String text) {
		String[] words = text.toLowerCase(Locale.ROOT).strip().split("[^\\p{L}\\p{N}]+");
		int[] weights = new int[64];
		int shingles = Math.max(1, words.length - 4 + 1);
		for (int i = 0; i < shingles; i++) {
			StringBuilder shingle = new StringBuilder();
			for (int j = i; j < Math.min(words.length, i + 4); j++) {
				shingle.append(words[j]).append(' ');
			}
			long hash = 0xcbf29ce484222325L;
			for (byte b : shingle.toString().getBytes(StandardCharsets.UTF_8)) {
				hash ^= b & 0xff;
				hash *= 0x100000001b3L;
			}
			hash ^= hash >>> 33;
			hash *= 0xff51afd7ed558ccdL;
			hash ^= hash >>> 33;
			hash *= 0xc4ceb9fe1a85ec53L;
			hash ^= hash >>> 33;
			for (int bit = 0; bit < 64; bit++) {
				weights[bit] += ((hash >>> bit) & 1) == 1 ? 1 : -1;
			}
		}
		long fingerprint = 0;
		for (int bit = 0; bit < 64; bit++) {
			if (weights[bit] > 0) {
				fingerprint |= 1L << bit;
			}
		}
		return fingerprint;
	}
}
