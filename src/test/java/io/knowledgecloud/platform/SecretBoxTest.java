package io.knowledgecloud.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption at rest under the master key, purpose binding, and where the master key comes from. */
class SecretBoxTest {

	@TempDir
	Path dataDir;

	private final SecretBox box = new SecretBox(TestSettings.withMasterKey(TestSettings.randomKey(32)));

	@Test
	void decryptsWhatItEncrypted() {
		String secret = "JBSWY3DPEHPK3PXP ünïcødé 😀";
		String sealed = box.encrypt(secret, "totp");
		assertThat(sealed).doesNotContain("JBSWY3DP");
		assertThat(box.decrypt(sealed, "totp")).isEqualTo(secret);
		assertThat(box.decrypt(box.encrypt("", "totp"), "totp")).isEmpty();
	}

	@Test
	void encryptingTwiceGivesDifferentCiphertexts() {
		assertThat(box.encrypt("same", "totp")).isNotEqualTo(box.encrypt("same", "totp"));
	}

	@Test
	void aSecretSealedForOnePurposeCannotBeOpenedForAnother() {
		String sealed = box.encrypt("signing key", "signing-key");
		assertThatThrownBy(() -> box.decrypt(sealed, "totp")).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void anotherMasterKeyCannotDecrypt() {
		String sealed = box.encrypt("secret", "totp");
		var other = new SecretBox(TestSettings.withMasterKey(TestSettings.randomKey(32)));
		assertThatThrownBy(() -> other.decrypt(sealed, "totp")).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void tamperedCiphertextsAreRefused() {
		byte[] sealed = Base64.getDecoder().decode(box.encrypt("secret", "totp"));
		sealed[sealed.length - 1] ^= 1;
		String flipped = Base64.getEncoder().encodeToString(sealed);
		assertThatThrownBy(() -> box.decrypt(flipped, "totp")).isInstanceOf(IllegalStateException.class);

		sealed[sealed.length - 1] ^= 1;
		sealed[0] = 9;
		String unknownVersion = Base64.getEncoder().encodeToString(sealed);
		assertThatThrownBy(() -> box.decrypt(unknownVersion, "totp")).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> box.decrypt("AQID", "totp")).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void derivedKeysAreStablePerPurposeAndDifferAcrossPurposes() {
		assertThat(box.deriveKey("cursor")).hasSize(32).isEqualTo(box.deriveKey("cursor"));
		assertThat(box.deriveKey("cursor")).isNotEqualTo(box.deriveKey("webhook"));
	}

	@Test
	void generatesAMasterKeyFileOnceAndReusesIt() throws IOException {
		var first = new SecretBox(TestSettings.with(dataDir, null, null));
		Path file = dataDir.resolve("master.key");
		assertThat(file).exists();
		assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
		if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		}
		String key = Files.readString(file);

		String sealed = first.encrypt("survives a restart", "totp");
		var afterRestart = new SecretBox(TestSettings.with(dataDir, null, null));
		assertThat(afterRestart.decrypt(sealed, "totp")).isEqualTo("survives a restart");
		assertThat(Files.readString(file)).isEqualTo(key);
	}

	@Test
	void readsAConfiguredMasterKeyFile() throws IOException {
		Path file = dataDir.resolve("elsewhere.key");
		String key = TestSettings.randomKey(32);
		Files.writeString(file, key + "\n");
		String sealed = new SecretBox(TestSettings.withMasterKey(key)).encrypt("secret", "totp");

		var fromFile = new SecretBox(TestSettings.with(dataDir, null, file));
		assertThat(fromFile.decrypt(sealed, "totp")).isEqualTo("secret");
		assertThat(dataDir.resolve("master.key")).doesNotExist();
	}

	@Test
	void aConfiguredButMissingKeyFileIsAnErrorNotANewKey() {
		Path missing = dataDir.resolve("missing.key");
		assertThatThrownBy(() -> new SecretBox(TestSettings.with(dataDir, null, missing)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not exist");
		assertThat(missing).doesNotExist();
	}

	@Test
	void refusesMasterKeysShorterThan256Bits() throws IOException {
		assertThatThrownBy(() -> new SecretBox(TestSettings.withMasterKey(TestSettings.randomKey(16))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("at least 32 bytes");

		Path file = dataDir.resolve("short.key");
		Files.writeString(file, TestSettings.randomKey(31));
		assertThatThrownBy(() -> new SecretBox(TestSettings.with(dataDir, null, file)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("at least 32 bytes");
	}

	@Test
	void refusesAMasterKeyThatIsNotBase64() {
		assertThatThrownBy(() -> new SecretBox(TestSettings.withMasterKey("not base64 at all!")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("not valid base64");
	}

	@Test
	void errorsNeverContainTheKey() {
		String shortKey = TestSettings.randomKey(16);
		assertThatThrownBy(() -> new SecretBox(TestSettings.withMasterKey(shortKey)))
			.satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortKey));
	}
}
