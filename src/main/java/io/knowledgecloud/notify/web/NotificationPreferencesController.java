package io.knowledgecloud.notify.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.notify.internal.NotificationPreferences;
import io.knowledgecloud.notify.internal.NotificationPreferences.Preferences;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's notification preferences (people only, not API keys). */
@RestController
@Tag(name = "Notifications")
class NotificationPreferencesController {

	private final NotificationPreferences preferences;

	NotificationPreferencesController(NotificationPreferences preferences) {
		this.preferences = preferences;
	}

	@GetMapping("/api/v1/me/notification-preferences")
	@Operation(summary = "My notification preferences", description = "`weekly_digest`: receive the weekly digest of "
			+ "every workspace you are a member of that has a `weekly_digest` schedule (default false).")
	Preferences get(@AuthenticationPrincipal CurrentUser user) {
		return preferences.of(user.requirePerson().userId());
	}

	@PutMapping("/api/v1/me/notification-preferences")
	@Operation(summary = "Replace my notification preferences", description = "Omitted fields are false.")
	Preferences put(@AuthenticationPrincipal CurrentUser user, @RequestBody Preferences body) {
		preferences.save(user.requirePerson().userId(), body);
		return preferences.of(user.userId());
	}
}
