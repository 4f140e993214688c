package io.knowledgecloud.document.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.knowledgecloud.document.internal.DocumentPurge;
import io.knowledgecloud.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Maintenance for operators of the installation. */
@RestController
@Tag(name = "Administration")
class DocumentAdminController {

	private final DocumentPurge purge;

	DocumentAdminController(DocumentPurge purge) {
		this.purge = purge;
	}

	@PostMapping("/api/v1/admin/documents/purge")
	@Operation(summary = "Run the document retention job now", description = "Operators only "
			+ "(`kc.identity.admin-emails`). Drops versions beyond `kc.documents.versions-kept`, purges documents "
			+ "deleted longer than `kc.documents.deleted-retention` ago and deletes unreferenced blobs (10 minutes after "
			+ "they lost their last reference). `ran` is false when another replica is running it.")
	@ApiResponse(responseCode = "403", description = "Not an operator (system_admins_only)")
	DocumentPurge.Report purge(@AuthenticationPrincipal CurrentUser user) {
		return purge.runNow(user);
	}
}
