package io.knowledgecloud.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (signing keys, TOTP secrets, provider credentials) with AES-256-GCM
 * under the master key, and derives purpose-bound sub-keys from it. The master key comes from
 * {@code kc.security.master-key} (env {@code KC_MASTER_KEY}), from {@code kc.security.master-key-file},
 * or is generated once into {@code <data-dir>/master.key} for embedded use.
 */
@Component
public class SecretBox {

	private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
	private static final SecureRandom RANDOM = new SecureRandom();
	private static final byte VERSION = 1;

	private final byte[] masterKey;

	public SecretBox(PlatformSettings settings) {
		this.masterKey = loadMasterKey(settings);
	}

	public String encrypt(String plaintext, String purpose) {
		try {
			byte[] iv = new byte[12];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(deriveKey("enc:" + purpose), "AES"),
					new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			ByteBuffer out = ByteBuffer.allocate(1 + iv.length + sealed.length).put(VERSION).put(iv).put(sealed);
			return Base64.getEncoder().encodeToString(out.array());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("encryption failed", e);
		}
	}

	public String decrypt(String ciphertext, String purpose) {
		try {
			byte[] all = Base64.getDecoder().decode(ciphertext);
			if (all.length < 13 + 16 || all[0] != VERSION) {
				throw new IllegalStateException("unknown ciphertext format");
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(deriveKey("enc:" + purpose), "AES"),
					new GCMParameterSpec(128, all, 1, 12));
			return new String(cipher.doFinal(all, 13, all.length - 13), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("decryption failed: wrong master key or corrupted secret", e);
		}
	}

	/** A 256-bit key bound to {@code purpose} (HMAC-SHA256 of the purpose under the master key). */
	public byte[] deriveKey(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
			return mac.doFinal(("knowledgecloud:" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] loadMasterKey(PlatformSettings settings) {
		var security = settings.security();
		if (security.masterKey() != null && !security.masterKey().isBlank()) {
			return decodeKey(security.masterKey(), "kc.security.master-key");
		}
		Path file = security.masterKeyFile() != null ? security.masterKeyFile()
				: settings.dataDir().resolve("master.key");
		try {
			if (Files.exists(file)) {
				return decodeKey(Files.readString(file).strip(), file.toString());
			}
			if (security.masterKeyFile() != null) {
				throw new IllegalStateException("Master key file " + file + " does not exist");
			}
			byte[] key = new byte[32];
			RANDOM.nextBytes(key);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "master", ".tmp");
			try {
				Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ignored) {
				// non-POSIX file system: rely on the data directory's permissions
			}
			Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
			Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			log.warn("Generated a new master key at {}. Back it up: encrypted secrets cannot be read without it. "
					+ "In production set KC_MASTER_KEY or kc.security.master-key-file.", file.toAbsolutePath());
			return key;
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot read or create the master key at " + file, e);
		}
	}

	private static byte[] decodeKey(String base64, String source) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("Master key from " + source + " is not valid base64");
		}
		if (key.length < 32) {
			throw new IllegalStateException("Master key from " + source + " must be at least 32 bytes, was " + key.length);
		}
		return key;
	}
}
