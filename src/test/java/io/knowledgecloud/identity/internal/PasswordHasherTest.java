package io.knowledgecloud.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PasswordHasherTest {

	private final PasswordHasher hasher = new PasswordHasher(new Binder(new MapConfigurationPropertySource(
			Map.of("kc.identity.argon2.memory-kib", "8192", "kc.identity.argon2.iterations", "3")))
		.bindOrCreate("kc.identity", IdentitySettings.class));

	@Test
	void unknownUsersAreCheckedAgainstAWellFormedHashOfTheConfiguredCost() {
		String real = hasher.hash("correct-horse-battery");
		String dummy = hasher.dummyHash();
		// a malformed hash would be refused without hashing at all (Spring logs it and answers false)
		assertThat(hasher.needsRehash(dummy)).isFalse();
		// the same algorithm, version and cost as a real hash: checking against it costs the same
		assertThat(prefix(dummy)).isEqualTo(prefix(real)).isEqualTo("$argon2id$v=19$m=8192,t=3,p=1$");
		assertThat(dummy.split("\\$")).hasSize(6);
		assertThat(hasher.matches("correct-horse-battery", real)).isTrue();
		assertThat(hasher.matches("correct-horse-battery", dummy)).isFalse();
		assertThat(hasher.matches("", dummy)).isFalse();
	}

	@Test
	void eachServerHasItsOwnDummyHash() {
		assertThat(hasher.dummyHash()).isNotEqualTo(new PasswordHasher(new Binder(new MapConfigurationPropertySource(
				Map.of())).bindOrCreate("kc.identity", IdentitySettings.class)).dummyHash());
	}

	private static String prefix(String hash) {
		return hash.substring(0, hash.indexOf('$', hash.indexOf("p=")) + 1);
	}
}
