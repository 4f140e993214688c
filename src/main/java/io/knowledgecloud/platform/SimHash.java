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
	private static final long FNV_OFFSET = 0xcbf29ce484222325L;
	private static final long FNV_PRIME = 0x100000001b3L;
	private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private SimHash() {
	}

	public static long of(String text) {
		String[] words = WORDS.split(text.toLowerCase(Locale.ROOT).strip());
		// each word encoded once; a shingle's hash runs over its words' bytes, each followed by a space
		byte[][] encoded = new byte[words.length][];
		for (int i = 0; i < words.length; i++) {
			encoded[i] = words[i].getBytes(StandardCharsets.UTF_8);
		}
		int[] weights = new int[64];
		int shingles = Math.max(1, words.length - SHINGLE + 1);
		for (int i = 0; i < shingles; i++) {
			long hash = FNV_OFFSET;
			for (int j = i; j < Math.min(words.length, i + SHINGLE); j++) {
				for (byte b : encoded[j]) {
					hash = (hash ^ (b & 0xff)) * FNV_PRIME;
				}
				hash = (hash ^ ' ') * FNV_PRIME;
			}
			hash = fmix64(hash);
			for (int bit = 0; bit < 64; bit++) {
				weights[bit] += (int) ((hash >>> bit) & 1) * 2 - 1;
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

	/** Final avalanche (murmur3 fmix64) of an FNV-1a hash, so that neighbouring shingles spread over all bits. */
	private static long fmix64(long hash) {
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= hash >>> 33;
		return hash;
	}
}
