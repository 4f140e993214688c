package io.knowledgecloud.platform;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * 64-bit SimHash over word 4-shingles (Charikar): texts that share most of their shingles get
 * fingerprints a few bits apart, so near-duplicates are found by Hamming distance.
 */
public final class SimHash {

	static final int SHINGLE = 4;
	private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private SimHash() {
	}

	public static long of(String text) {
		String[] words = WORDS.split(text.toLowerCase(Locale.ROOT).strip());
		int[] weights = new int[64];
		int shingles = Math.max(1, words.length - SHINGLE + 1);
		for (int i = 0; i < shingles; i++) {
			StringBuilder shingle = new StringBuilder();
			for (int j = i; j < Math.min(words.length, i + SHINGLE); j++) {
				shingle.append(words[j]).append(' ');
			}
			long hash = fnv1a64(shingle.toString());
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

	public static int distance(long a, long b) {
		return Long.bitCount(a ^ b);
	}

	private static long fnv1a64(String s) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
			hash ^= b & 0xff;
			hash *= 0x100000001b3L;
		}
		// final avalanche (murmur3 fmix64) so that neighbouring shingles spread over all bits
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= hash >>> 33;
		return hash;
	}
}
