package io.knowledgecloud.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** The bare model's corpus vectors and the time they took, kept between benchmark runs. */
record BareVectors(float[][] vectors, double seconds, String date) {

	static void write(Path file, float[][] vectors, double seconds) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try (var out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
			out.writeUTF(LocalDate.now().toString());
			out.writeDouble(seconds);
			out.writeInt(vectors.length);
			out.writeInt(vectors[0].length);
			for (float[] v : vectors) {
				for (float x : v) {
					out.writeFloat(x);
				}
			}
		}
	}

	static BareVectors read(Path file, int expectedCount) throws IOException {
		try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
			String date = in.readUTF();
			double seconds = in.readDouble();
			int count = in.readInt();
			int dims = in.readInt();
			if (count != expectedCount) {
				throw new IOException(file + " holds " + count + " vectors, the corpus has " + expectedCount);
			}
			float[][] vectors = new float[count][dims];
			for (float[] v : vectors) {
				for (int i = 0; i < dims; i++) {
					v[i] = in.readFloat();
				}
			}
			return new BareVectors(vectors, seconds, date);
		}
	}
}
