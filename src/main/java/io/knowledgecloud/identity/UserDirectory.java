package io.knowledgecloud.identity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import io.knowledgecloud.identity.internal.Accounts;

/** Read-only look-ups of users for other modules. */
@Service
public class UserDirectory {

	private final Accounts accounts;

	UserDirectory(Accounts accounts) {
		this.accounts = accounts;
	}

	public Optional<UserSummary> find(UserId id) {
		return accounts.find(id);
	}

	/** True for accounts listed in {@code kc.identity.admin-emails} (operators of this installation). */
	public boolean isSystemAdmin(CurrentUser user) {
		return !user.viaApiKey() && accounts.isSystemAdmin(user.email());
	}

	public Map<UserId, UserSummary> findAll(Collection<UserId> ids) {
		return accounts.findAll(ids).stream().collect(Collectors.toMap(UserSummary::id, Function.identity()));
	}
}
