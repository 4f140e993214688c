package io.knowledgecloud.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.knowledgecloud.support.Api;
import io.knowledgecloud.support.Api.Response;
import io.knowledgecloud.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Workspaces over HTTP: create, list with cursors, read with ETags, rename with If-Match, delete,
 * hostile names, invitations through the dev mailbox, roles and the last-owner rule, audit.
 */
@IntegrationTest
class WorkspaceIT {

	private static final String ROOT = "root@knowledgecloud.test";

	private final Api api;

	WorkspaceIT(@LocalServerPort int port) {
		this.api = new Api(port);
	}

	// --- create, list, read, rename, delete ---

	@Test
	void createAnswers201WithLocationAndETagAndMakesTheCallerOwner() {
		Api.User owner = api.signUp("create");
		Response created = create(owner, "Research");
		assertThat(created.status()).isEqualTo(201);
		String id = created.get("id");
		assertThat(created.header("Location")).endsWith("/api/v1/workspaces/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(created.get("name")).isEqualTo("Research");
		assertThat(created.get("role")).isEqualTo("owner");
		assertThat(created.json().path("personal").asBoolean()).isFalse();

		Response fetched = api.get("/api/v1/workspaces/" + id).token(owner.accessToken()).send();
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.get("name")).isEqualTo("Research");
	}

	@Test
	void listingMineWalksEveryWorkspaceExactlyOnceWithCursors() {
		Api.User owner = api.signUp("pages");
		Set<String> expected = new HashSet<>(Set.of(owner.personalWorkspace()));
		for (int i = 0; i < 5; i++) {
			expected.add(api.createWorkspace(owner, "Page " + i));
		}
		// someone else's workspaces must never show up
		api.createWorkspace(api.signUp("pages-other"), "Not mine");

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Response page = api.get("/api/v1/workspaces?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
				.token(owner.accessToken())
				.send();
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.json().path("items").size()).isBetween(1, 2);
			page.json().path("items").values().forEach(w -> seen.add(w.path("id").asString()));
			cursor = nextCursor(page);
			pages++;
		}
		while (cursor != null && pages < 10);

		assertThat(pages).isEqualTo(3);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
		// newest membership first: the personal workspace came first, so it is listed last
		assertThat(seen.getLast()).isEqualTo(owner.personalWorkspace());
	}

	@Test
	void tamperedForeignAndOutOfRangePagingParametersAreRefused() {
		Api.User owner = api.signUp("bad-cursor");
		api.createWorkspace(owner, "One");
		api.createWorkspace(owner, "Two");
		String cursor = api.get("/api/v1/workspaces?limit=1").token(owner.accessToken()).send().get("next_cursor");
		assertThat(cursor).contains(".");

		String tampered = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
		assertProblem(api.get("/api/v1/workspaces?limit=1&cursor=" + tampered).token(owner.accessToken()).send(),
				400, "invalid_cursor");
		assertProblem(api.get("/api/v1/workspaces?cursor=garbage").token(owner.accessToken()).send(), 400,
				"invalid_cursor");
		// a genuine cursor of another list (another user's workspaces) is not accepted either
		Api.User other = api.signUp("bad-cursor-other");
		assertProblem(api.get("/api/v1/workspaces?limit=1&cursor=" + cursor).token(other.accessToken()).send(), 400,
				"invalid_cursor");

		assertProblem(api.get("/api/v1/workspaces?limit=0").token(owner.accessToken()).send(), 400, "invalid_limit");
		assertProblem(api.get("/api/v1/workspaces?limit=1000").token(owner.accessToken()).send(), 400,
				"invalid_limit");
		assertProblem(api.get("/api/v1/workspaces?limit=-1").token(owner.accessToken()).send(), 400, "invalid_limit");
	}

	@Test
	void getHonoursIfNoneMatchAndRenameNeedsTheCurrentETag() {
		Api.User owner = api.signUp("etag");
		String ws = api.createWorkspace(owner, "Before");
		Response first = api.get("/api/v1/workspaces/" + ws).token(owner.accessToken()).send();
		String etag = first.header("ETag");
		assertThat(etag).isEqualTo("\"0\"");

		Response notModified = api.get("/api/v1/workspaces/" + ws).token(owner.accessToken())
			.header("If-None-Match", etag)
			.send();
		assertThat(notModified.status()).isEqualTo(304);
		assertThat(notModified.header("ETag")).isEqualTo(etag);
		assertThat(notModified.text()).isEmpty();

		Response stale = rename(owner, ws, "Lost update", "\"7\"");
		assertProblem(stale, 412, "precondition_failed");
		assertThat(api.get("/api/v1/workspaces/" + ws).token(owner.accessToken()).send().get("name"))
			.isEqualTo("Before");

		Response renamed = rename(owner, ws, "After", etag);
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.get("name")).isEqualTo("After");
		String newEtag = renamed.header("ETag");
		assertThat(newEtag).isNotNull().isNotEqualTo(etag);

		// the old ETag no longer matches, for reads and for writes
		Response changed = api.get("/api/v1/workspaces/" + ws).token(owner.accessToken())
			.header("If-None-Match", etag)
			.send();
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.get("name")).isEqualTo("After");
		assertThat(changed.header("ETag")).isEqualTo(newEtag);
		assertProblem(rename(owner, ws, "Again", etag), 412, "precondition_failed");
		assertThat(rename(owner, ws, "Again", newEtag).status()).isEqualTo(200);
	}

	@Test
	void onlyOwnersDeleteAndPersonalWorkspacesCannotBeDeleted() {
		Api.User owner = api.signUp("delete");
		Api.User admin = api.signUp("delete-admin");
		String ws = api.createWorkspace(owner, "Doomed");
		api.addMember(owner, ws, admin, "admin");

		assertProblem(api.delete("/api/v1/workspaces/" + ws).token(admin.accessToken()).send(), 403,
				"insufficient_role");
		assertProblem(api.delete("/api/v1/workspaces/" + owner.personalWorkspace()).token(owner.accessToken()).send(),
				409, "personal_workspace");
		// another user's personal workspace is simply not there for an outsider
		assertProblem(api.delete("/api/v1/workspaces/" + admin.personalWorkspace()).token(owner.accessToken()).send(),
				404, "workspace_not_found");

		assertThat(api.delete("/api/v1/workspaces/" + ws).token(owner.accessToken()).send().status()).isEqualTo(204);
		assertProblem(api.get("/api/v1/workspaces/" + ws).token(owner.accessToken()).send(), 404,
				"workspace_not_found");
		assertProblem(api.get("/api/v1/workspaces/" + ws).token(admin.accessToken()).send(), 404,
				"workspace_not_found");
		assertThat(ids(api.get("/api/v1/workspaces").token(admin.accessToken()).send())).doesNotContain(ws);
		assertProblem(api.delete("/api/v1/workspaces/" + ws).token(owner.accessToken()).send(), 404,
				"workspace_not_found");
	}

	@Test
	void namesWithControlCharactersAreRefusedAndOtherHostileNamesAreStoredVerbatim() {
		Api.User owner = api.signUp("hostile");
		for (String bad : List.of("nul\u0000byte", "bell\u0007", "line\nbreak", "tab\tbed", "esc\u001b[31m",
				"del\u007f", "", "   ", "x".repeat(101))) {
			Response refused = create(owner, bad);
			assertProblem(refused, 400, "validation_failed");
			assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
		}
		String ws = api.createWorkspace(owner, "Plain");
		assertProblem(rename(owner, ws, "evil\u0000", null), 400, "validation_failed");

		for (String name : List.of("Ünïcødé 日本語 العربية 🚀👩‍💻", "Robert'); DROP TABLE workspace_workspaces;--",
				"' OR '1'='1", "<script>alert(\"x\")</script>&amp;", "\u202Egnp.exe", "%s %n ${jndi:ldap://x/a}",
				"x".repeat(100))) {
			Response created = create(owner, name);
			assertThat(created.status()).as(name).isEqualTo(201);
			assertThat(created.get("name")).isEqualTo(name);
			Response fetched = api.get("/api/v1/workspaces/" + created.get("id")).token(owner.accessToken()).send();
			assertThat(fetched.get("name")).isEqualTo(name);
		}
		Response renamed = rename(owner, ws, "<b>bold</b> & 'quoted'", null);
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.get("name")).isEqualTo("<b>bold</b> & 'quoted'");
		assertThat(api.get("/api/v1/workspaces?limit=100").token(owner.accessToken()).send().json().path("items")
			.values()).extracting(w -> w.path("name").asString())
			.contains("Robert'); DROP TABLE workspace_workspaces;--", "<b>bold</b> & 'quoted'");
	}

	// --- invitations ---

	@Test
	void invitationMailReachesOnlyTheInviteeWhileTheSystemAdminSeesAllMail() {
		Api.User owner = api.signUp("mail");
		Api.User invitee = api.signUp("mail-invitee");
		Api.User other = api.signUp("mail-other");
		String ws = api.createWorkspace(owner, "Mail room");
		assertThat(invite(owner, ws, invitee.email(), "editor").status()).isEqualTo(201);
		assertThat(invite(owner, ws, other.email(), "viewer").status()).isEqualTo(201);
		String token = api.invitationToken(invitee);
		api.invitationToken(other);

		JsonNode mine = api.get("/api/v1/admin/dev-mailbox").token(invitee.accessToken()).send().json().path("items");
		assertThat(mine.size()).isEqualTo(1);
		assertThat(mine.get(0).path("to").asString()).isEqualTo(invitee.email());
		assertThat(mine.get(0).path("subject").asString()).contains("Mail room");
		assertThat(mine.get(0).path("body").asString()).contains(token).contains("as editor");
		assertThat(api.get("/api/v1/admin/dev-mailbox").token(owner.accessToken()).send().json().path("items").size())
			.isZero();

		List<String> recipients = allMail(root()).stream().map(m -> m.path("to").asString()).toList();
		assertThat(recipients).contains(invitee.email(), other.email());

		Response accepted = accept(invitee, token);
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(accepted.get("id")).isEqualTo(ws);
		assertThat(accepted.get("role")).isEqualTo("editor");
		assertThat(api.get("/api/v1/workspaces/" + ws).token(invitee.accessToken()).send().get("role"))
			.isEqualTo("editor");
	}

	@Test
	void invitationsAreForTheInvitedAddressOnlyAndSingleUse() {
		Api.User owner = api.signUp("single-use");
		Api.User invitee = api.signUp("single-use-invitee");
		Api.User intruder = api.signUp("single-use-intruder");
		String ws = api.createWorkspace(owner, "Private");
		// the address is normalised, so a differently cased invitation still belongs to the invitee
		invite(owner, ws, "  " + invitee.email().toUpperCase() + " ", "viewer");
		String token = api.invitationToken(invitee);

		assertProblem(accept(intruder, token), 403, "invitation_email_mismatch");
		assertProblem(api.get("/api/v1/workspaces/" + ws).token(intruder.accessToken()).send(), 404,
				"workspace_not_found");

		assertThat(accept(invitee, token).status()).isEqualTo(200);
		assertProblem(accept(invitee, token), 404, "invitation_not_found");
		assertProblem(accept(intruder, token), 404, "invitation_not_found");
		assertProblem(accept(invitee, "kci_made-up-token"), 404, "invitation_not_found");
		assertThat(pendingInvitations(owner, ws)).isEmpty();
	}

	@Test
	void revokedInvitationsCannotBeAccepted() {
		Api.User owner = api.signUp("revoke");
		Api.User invitee = api.signUp("revoke-invitee");
		String ws = api.createWorkspace(owner, "Revoked");
		Response invited = invite(owner, ws, invitee.email(), "editor");
		String id = invited.get("id");
		String token = api.invitationToken(invitee);
		assertThat(pendingInvitations(owner, ws)).extracting(i -> i.path("id").asString()).containsExactly(id);

		assertThat(api.delete("/api/v1/workspaces/" + ws + "/invitations/" + id).token(owner.accessToken()).send()
			.status()).isEqualTo(204);
		assertThat(pendingInvitations(owner, ws)).isEmpty();
		assertProblem(accept(invitee, token), 404, "invitation_not_found");
		assertProblem(api.delete("/api/v1/workspaces/" + ws + "/invitations/" + id).token(owner.accessToken()).send(),
				404, "invitation_not_found");
		// an invitation id is only found within its own workspace
		Response again = invite(owner, ws, Api.uniqueEmail("revoke-other"), "viewer");
		assertProblem(api.delete("/api/v1/workspaces/" + owner.personalWorkspace() + "/invitations/" + again.get("id"))
			.token(owner.accessToken())
			.send(), 404, "invitation_not_found");
		assertThat(pendingInvitations(owner, ws)).extracting(i -> i.path("id").asString())
			.containsExactly(again.get("id"));
	}

	@Test
	void invitingAgainReplacesThePendingInvitation() {
		Api.User owner = api.signUp("reinvite");
		Api.User invitee = api.signUp("reinvite-invitee");
		String ws = api.createWorkspace(owner, "Second thoughts");
		invite(owner, ws, invitee.email(), "viewer");
		String first = api.invitationToken(invitee);
		String firstMail = api.newestMailId(invitee);
		Response second = invite(owner, ws, invitee.email(), "admin");
		String secondToken = api.invitationToken(invitee, firstMail);
		assertThat(secondToken).isNotEqualTo(first);

		List<JsonNode> pending = pendingInvitations(owner, ws);
		assertThat(pending).hasSize(1);
		assertThat(pending.getFirst().path("id").asString()).isEqualTo(second.get("id"));
		assertThat(pending.getFirst().path("role").asString()).isEqualTo("admin");

		assertProblem(accept(invitee, first), 404, "invitation_not_found");
		Response accepted = accept(invitee, secondToken);
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(accepted.get("role")).isEqualTo("admin");
	}

	@Test
	void invitingAnExistingMemberIsAConflict() {
		Api.User owner = api.signUp("already");
		Api.User member = api.signUp("already-member");
		String ws = api.createWorkspace(owner, "Full house");
		api.addMember(owner, ws, member, "viewer");
		assertProblem(invite(owner, ws, member.email(), "editor"), 409, "already_member");
		assertProblem(invite(owner, ws, member.email().toUpperCase(), "editor"), 409, "already_member");
		assertProblem(invite(owner, ws, owner.email(), "viewer"), 409, "already_member");
		assertThat(pendingInvitations(owner, ws)).isEmpty();
	}

	// --- roles, leaving, removal ---

	@Test
	void adminsCannotGrantChangeOrRemoveTheOwnerRole() {
		Api.User owner = api.signUp("owner-only");
		Api.User admin = api.signUp("owner-only-admin");
		Api.User editor = api.signUp("owner-only-editor");
		String ws = api.createWorkspace(owner, "Hierarchy");
		api.addMember(owner, ws, admin, "admin");
		api.addMember(owner, ws, editor, "editor");

		assertProblem(changeRole(admin, ws, editor, "owner"), 403, "owner_required");
		assertProblem(changeRole(admin, ws, admin, "owner"), 403, "owner_required");
		assertProblem(changeRole(admin, ws, owner, "viewer"), 403, "owner_required");
		assertProblem(remove(admin, ws, owner), 403, "owner_required");
		assertProblem(invite(admin, ws, Api.uniqueEmail("would-be-owner"), "owner"), 403, "owner_required");
		assertProblem(changeRole(editor, ws, editor, "admin"), 403, "insufficient_role");
		Response unknownRole = changeRole(owner, ws, editor, "superuser");
		assertProblem(unknownRole, 400, "invalid_type");
		assertThat(unknownRole.json().path("errors").get(0).path("field").asString()).isEqualTo("role");
		assertProblem(invite(owner, ws, Api.uniqueEmail("unknown-role"), "superuser"), 400, "invalid_type");

		// what admins may do
		Response promoted = changeRole(admin, ws, editor, "admin");
		assertThat(promoted.status()).isEqualTo(200);
		assertThat(promoted.get("role")).isEqualTo("admin");
		assertThat(invite(admin, ws, Api.uniqueEmail("by-admin"), "admin").status()).isEqualTo(201);
		assertThat(changeRole(owner, ws, editor, "owner").get("role")).isEqualTo("owner");
		assertProblem(changeRole(owner, ws, UUID.randomUUID().toString(), "viewer"), 404, "member_not_found");
	}

	@Test
	void theLastOwnerCannotBeDemotedRemovedOrLeave() {
		Api.User owner = api.signUp("last-owner");
		Api.User other = api.signUp("last-owner-other");
		String ws = api.createWorkspace(owner, "Keep an owner");
		api.addMember(owner, ws, other, "admin");

		assertProblem(changeRole(owner, ws, owner, "admin"), 409, "last_owner");
		assertProblem(remove(owner, ws, owner), 409, "last_owner");
		assertProblem(leave(owner, ws), 409, "last_owner");
		assertProblem(leave(owner, owner.personalWorkspace()), 409, "last_owner");
		assertThat(role(owner, ws)).isEqualTo("owner");

		// with a second owner the first may step down and leave
		assertThat(changeRole(owner, ws, other, "owner").status()).isEqualTo(200);
		assertThat(changeRole(owner, ws, owner, "admin").get("role")).isEqualTo("admin");
		assertProblem(leave(other, ws), 409, "last_owner");
		assertThat(leave(owner, ws).status()).isEqualTo(204);
		assertProblem(api.get("/api/v1/workspaces/" + ws).token(owner.accessToken()).send(), 404,
				"workspace_not_found");
	}

	@Test
	void membersCanLeaveAndRemovedMembersLoseAccess() {
		Api.User owner = api.signUp("leave");
		Api.User leaver = api.signUp("leave-leaver");
		Api.User removed = api.signUp("leave-removed");
		Api.User quitter = api.signUp("leave-quitter");
		String ws = api.createWorkspace(owner, "Revolving door");
		api.addMember(owner, ws, leaver, "viewer");
		api.addMember(owner, ws, removed, "editor");
		api.addMember(owner, ws, quitter, "editor");

		assertThat(leave(leaver, ws).status()).isEqualTo(204);
		assertProblem(api.get("/api/v1/workspaces/" + ws).token(leaver.accessToken()).send(), 404,
				"workspace_not_found");
		assertProblem(leave(leaver, ws), 404, "workspace_not_found");
		// removing yourself through the member resource is leaving too, even below admin
		assertThat(remove(quitter, ws, quitter).status()).isEqualTo(204);

		assertProblem(remove(removed, ws, owner), 403, "insufficient_role");
		assertThat(remove(owner, ws, removed).status()).isEqualTo(204);
		assertProblem(api.get("/api/v1/workspaces/" + ws).token(removed.accessToken()).send(), 404,
				"workspace_not_found");
		assertProblem(api.get("/api/v1/workspaces/" + ws + "/members").token(removed.accessToken()).send(), 404,
				"workspace_not_found");
		assertThat(ids(api.get("/api/v1/workspaces").token(removed.accessToken()).send())).doesNotContain(ws);
		assertProblem(remove(owner, ws, removed), 404, "member_not_found");

		JsonNode members = api.get("/api/v1/workspaces/" + ws + "/members").token(owner.accessToken()).send().json()
			.path("items");
		assertThat(members.values()).extracting(m -> m.path("email").asString()).containsExactly(owner.email());
	}

	@Test
	void auditEventsRecordMembershipAndApiKeyChanges() {
		Api.User owner = api.signUp("audit");
		Api.User member = api.signUp("audit-member");
		String ws = api.createWorkspace(owner, "Audited");
		api.addMember(owner, ws, member, "viewer");
		assertThat(changeRole(owner, ws, member, "editor").status()).isEqualTo(200);
		Response key = api.post("/api/v1/workspaces/" + ws + "/api-keys").token(owner.accessToken())
			.json(Map.of("name", "ci", "scope", "read"))
			.send();
		assertThat(key.status()).isEqualTo(201);
		String keyId = key.json().path("key").path("id").asString();
		assertThat(api.delete("/api/v1/workspaces/" + ws + "/api-keys/" + keyId).token(owner.accessToken()).send()
			.status()).isEqualTo(204);
		assertThat(remove(owner, ws, member).status()).isEqualTo(204);

		Response audit = api.get("/api/v1/workspaces/" + ws + "/audit-events").token(owner.accessToken()).send();
		assertThat(audit.status()).isEqualTo(200);
		List<String> types = audit.json().path("items").values().stream().map(e -> e.path("type").asString())
			.toList();
		// newest first
		assertThat(types).containsExactly("member.removed", "api_key.revoked", "api_key.created",
				"member.role_changed", "member.joined", "member.invited");
		JsonNode roleChange = audit.json().path("items").get(3);
		assertThat(roleChange.path("actor_user_id").asString()).isEqualTo(owner.id());
		assertThat(roleChange.path("subject_user_id").asString()).isEqualTo(member.id());
		assertThat(roleChange.path("details").asString()).isEqualTo("viewer -> editor");
		assertThat(key.get("secret")).startsWith("kc_");
		assertThat(audit.text()).doesNotContain(key.get("secret"));

		// the workspace's audit log is not another workspace's
		JsonNode personal = api.get("/api/v1/workspaces/" + owner.personalWorkspace() + "/audit-events")
			.token(owner.accessToken())
			.send()
			.json()
			.path("items");
		assertThat(personal.values()).extracting(e -> e.path("workspace_id").asString())
			.allMatch(owner.personalWorkspace()::equals);
	}

	// --- helpers ---

	private Response create(Api.User owner, String name) {
		return api.post("/api/v1/workspaces").token(owner.accessToken()).json(Map.of("name", name)).send();
	}

	private Response rename(Api.User user, String ws, String name, String ifMatch) {
		var call = api.patch("/api/v1/workspaces/" + ws).token(user.accessToken()).json(Map.of("name", name));
		if (ifMatch != null) {
			call.header("If-Match", ifMatch);
		}
		return call.send();
	}

	private Response invite(Api.User admin, String ws, String email, String role) {
		return api.post("/api/v1/workspaces/" + ws + "/invitations").token(admin.accessToken())
			.json(Map.of("email", email, "role", role))
			.send();
	}

	private Response accept(Api.User user, String token) {
		return api.post("/api/v1/invitations/accept").token(user.accessToken()).json(Map.of("token", token)).send();
	}

	private List<JsonNode> pendingInvitations(Api.User admin, String ws) {
		Response pending = api.get("/api/v1/workspaces/" + ws + "/invitations").token(admin.accessToken()).send();
		assertThat(pending.status()).isEqualTo(200);
		return pending.json().path("items").values().stream().toList();
	}

	private Response changeRole(Api.User admin, String ws, Api.User member, String role) {
		return changeRole(admin, ws, member.id(), role);
	}

	private Response changeRole(Api.User admin, String ws, String userId, String role) {
		return api.patch("/api/v1/workspaces/" + ws + "/members/" + userId).token(admin.accessToken())
			.json(Map.of("role", role))
			.send();
	}

	private Response remove(Api.User admin, String ws, Api.User member) {
		return api.delete("/api/v1/workspaces/" + ws + "/members/" + member.id()).token(admin.accessToken()).send();
	}

	private Response leave(Api.User member, String ws) {
		return api.post("/api/v1/workspaces/" + ws + "/leave").token(member.accessToken()).send();
	}

	private String role(Api.User user, String ws) {
		return api.get("/api/v1/workspaces/" + ws).token(user.accessToken()).send().get("role");
	}

	private static List<String> ids(Response list) {
		return list.json().path("items").values().stream().map(w -> w.path("id").asString()).toList();
	}

	/** Signs in the configured system admin, signing it up first unless another test already did. */
	private String root() {
		Response signUp = api.post("/api/v1/auth/signup").json(Map.of("email", ROOT, "password", Api.PASSWORD)).send();
		assertThat(signUp.status()).as(signUp.toString()).isIn(201, 409);
		Response login = api.login(ROOT, Api.PASSWORD);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		return login.get("access_token");
	}

	private List<JsonNode> allMail(String token) {
		List<JsonNode> mail = new ArrayList<>();
		String cursor = null;
		do {
			Response page = api.get("/api/v1/admin/dev-mailbox?limit=100" + (cursor == null ? "" : "&cursor=" + cursor))
				.token(token)
				.send();
			assertThat(page.status()).isEqualTo(200);
			page.json().path("items").values().forEach(mail::add);
			cursor = nextCursor(page);
		}
		while (cursor != null);
		return mail;
	}

	private static String nextCursor(Response page) {
		JsonNode cursor = page.json().path("next_cursor");
		return cursor.isNull() || cursor.isMissingNode() ? null : cursor.asString();
	}

	private static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.code()).as(response.toString()).isEqualTo(code);
	}
}
