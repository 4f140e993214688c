package io.knowledgecloud.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/** {@link PlatformSettings} for plain unit tests, with the defaults of application.yml. */
final class TestSettings {

	private TestSettings() {
	}

	static PlatformSettings with(Path dataDir, @Nullable String masterKey, @Nullable Path masterKeyFile) {
		return new PlatformSettings(dataDir, new PlatformSettings.Security(masterKey, masterKeyFile),
				new PlatformSettings.Web(DataSize.ofMegabytes(1), List.of(), 20, 100),
				new PlatformSettings.RateLimit(true, 30, 1200), new PlatformSettings.Redis(null, "kc:"),
				new PlatformSettings.Idempotency(Duration.ofHours(24), Duration.ofMinutes(2)), new PlatformSettings.Startup(false), URI.create("http://localhost:8080"));
	}

	static PlatformSettings withMasterKey(String masterKey) {
		return with(Path.of("unused-data-dir"), masterKey, null);
	}

	static String randomKey(int bytes) {
		byte[] key = new byte[bytes];
		new java.security.SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}
}
