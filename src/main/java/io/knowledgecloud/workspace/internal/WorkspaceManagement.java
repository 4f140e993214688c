package io.knowledgecloud.workspace.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.knowledgecloud.identity.AuditLog;
import io.knowledgecloud.identity.CurrentUser;
import io.knowledgecloud.identity.Emails;
import io.knowledgecloud.identity.UserId;
import io.knowledgecloud.identity.UserRegistered;
import io.knowledgecloud.platform.CursorPage;
import io.knowledgecloud.platform.Cursors;
import io.knowledgecloud.platform.ETags;
import io.knowledgecloud.platform.PageRequest;
import io.knowledgecloud.workspace.MemberInvited;
import io.knowledgecloud.workspace.Role;
import io.knowledgecloud.workspace.WorkspaceAccess;
import io.knowledgecloud.workspace.WorkspaceDeleted;
import io.knowledgecloud.workspace.WorkspaceId;

/**
 * Workspace use cases. Every method that acts on an existing workspace first asks
 * {@link WorkspaceAccess} for the caller's role, so authorization cannot be forgotten.
 */
@Service
public class WorkspaceManagement {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** An invitation as created, with its one-time token (only ever sent by e-mail). */
	public record CreatedInvitation(Invitation invitation, String token) {
	}

	private final Workspaces workspaces;
	private final Members members;
	private final Invitations invitations;
	private final WorkspaceAccess access;
	private final AuditLog audit;
	private final Cursors cursors;
	private final ApplicationEventPublisher events;
	private final WorkspaceSettings settings;
	private final Clock clock;
	private final MembershipVersion version;
	/** First pages of users' workspace lists (GET /api/v1/me asks on every call), by {@link MembershipVersion}. */
	private final com.github.benmanes.caffeine.cache.Cache<FirstPage, List<MyWorkspace>> firstPages =
			io.knowledgecloud.platform.Caches.expiringAfterWrite(10_000, java.time.Duration.ofSeconds(2));

	private record FirstPage(UserId user, int limit, long version) {
	}

	WorkspaceManagement(Workspaces workspaces, Members members, Invitations invitations, WorkspaceAccess access,
			AuditLog audit, Cursors cursors, ApplicationEventPublisher events, WorkspaceSettings settings,
			Clock clock, MembershipVersion version) {
		this.version = version;
		this.workspaces = workspaces;
		this.members = members;
		this.invitations = invitations;
		this.access = access;
		this.audit = audit;
		this.cursors = cursors;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	/** Creates the personal workspace of a new user; safe to run twice for the same event. */
	@ApplicationModuleListener
	void on(UserRegistered event) {
		if (workspaces.existsPersonalFor(event.userId())) {
			return;
		}
		try {
			create(event.userId(), event.email(), event.displayName() + "'s workspace", event.userId().value());
		}
		catch (DuplicateKeyException alreadyCreated) {
			// a concurrent delivery of the same event won
		}
	}

	@Transactional
	public Workspace create(CurrentUser caller, String name) {
		CurrentUser person = caller.requirePerson();
		return create(person.userId(), person.email(), name.strip(), null);
	}

	private Workspace create(UserId owner, String email, String name, @Nullable UUID personalFor) {
		Instant now = clock.instant();
		var workspace = new Workspace(new WorkspaceId(UUID.randomUUID()), name, personalFor, owner.value(), now, now,
				0);
		workspaces.insert(workspace);
		members.add(new Member(workspace.id(), owner, email, Role.OWNER, now));
		return workspace;
	}

	public Workspace get(WorkspaceId id, CurrentUser caller) {
		access.require(id, caller, Role.VIEWER);
		return workspaces.find(id).orElseThrow(WorkspaceNotFound::new);
	}

	public CursorPage<MyWorkspace> mine(CurrentUser caller, @Nullable String cursor, @Nullable Integer limit) {
		String scope = "workspaces:" + caller.userId();
		PageRequest page = cursors.request(scope, cursor, limit);
		List<MyWorkspace> rows;
		if (caller.apiKey() != null) {
			// a key sees its own workspace only: look that one up (filtering a page of the creator's
			// memberships would lose it whenever it is not on that page), a single page of at most one
			WorkspaceId only = new WorkspaceId(caller.apiKey().workspaceId());
			Role ceiling = Role.ceilingOf(caller.apiKey().scope());
			rows = !page.first() ? List.of()
					: members.find(only, caller.userId())
						.flatMap(m -> workspaces.find(only)
							.map(w -> new MyWorkspace(w, Role.min(m.role(), ceiling), m.joinedAt())))
						.stream()
						.toList();
		}
		else if (page.first()) {
			// kept for two seconds at most, and never past a change made on this replica
			rows = firstPages.get(new FirstPage(caller.userId(), page.limit(), version.current()),
					key -> workspaces.ofUser(caller.userId(), page));
		}
		else {
			rows = workspaces.ofUser(caller.userId(), page);
		}
		return cursors.page(scope, rows, page,
				r -> List.of(r.joinedAt().toString(), r.workspace().id().toString()));
	}

	@Transactional
	public Workspace rename(WorkspaceId id, CurrentUser caller, String name, @Nullable String ifMatch) {
		access.require(id, caller, Role.ADMIN);
		Workspace current = workspaces.find(id).orElseThrow(WorkspaceNotFound::new);
		ETags.checkIfMatch(ifMatch, current.version());
		if (!workspaces.rename(id, name.strip(), current.version(), clock.instant())) {
			throw new ETags.PreconditionFailed(ETags.of(current.version() + 1));
		}
		return workspaces.find(id).orElseThrow(WorkspaceNotFound::new);
	}

	@Transactional
	public void delete(WorkspaceId id, CurrentUser caller, @Nullable String ip) {
		access.require(id, caller, Role.OWNER);
		Workspace workspace = workspaces.find(id).orElseThrow(WorkspaceNotFound::new);
		if (workspace.personal()) {
			throw new PersonalWorkspace();
		}
		workspaces.delete(id);
		audit.record("workspace.deleted", caller.userId(), null, id.value(), ip, workspace.name());
		events.publishEvent(new WorkspaceDeleted(id));
	}

	// --- members ---

	public CursorPage<Member> members(WorkspaceId id, CurrentUser caller, @Nullable String cursor,
			@Nullable Integer limit) {
		access.require(id, caller, Role.VIEWER);
		String scope = "members:" + id;
		PageRequest page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, members.page(id, page), page,
				m -> List.of(m.joinedAt().toString(), m.userId().toString()));
	}

	@Transactional
	public Member changeRole(WorkspaceId id, CurrentUser caller, UserId target, Role newRole, @Nullable String ip) {
		Role callerRole = access.require(id, caller, Role.ADMIN);
		Member member = members.find(id, target).orElseThrow(MemberNotFound::new);
		if ((member.role() == Role.OWNER || newRole == Role.OWNER) && callerRole != Role.OWNER) {
			throw new OwnersOnly();
		}
		if (member.role() == newRole) {
			return member;
		}
		if (member.role() == Role.OWNER && members.lockOwners(id) <= 1) {
			throw new LastOwner();
		}
		members.changeRole(id, target, newRole);
		audit.record("member.role_changed", caller.userId(), target, id.value(), ip,
				member.role().name().toLowerCase() + " -> " + newRole.name().toLowerCase());
		return members.find(id, target).orElseThrow(MemberNotFound::new);
	}

	@Transactional
	public void removeMember(WorkspaceId id, CurrentUser caller, UserId target, @Nullable String ip) {
		boolean self = target.equals(caller.userId()) && !caller.viaApiKey();
		Role callerRole = access.require(id, caller, self ? Role.VIEWER : Role.ADMIN);
		Member member = members.find(id, target).orElseThrow(MemberNotFound::new);
		if (!self && member.role() == Role.OWNER && callerRole != Role.OWNER) {
			throw new OwnersOnly();
		}
		if (member.role() == Role.OWNER && members.lockOwners(id) <= 1) {
			throw new LastOwner();
		}
		members.remove(id, target);
		audit.record(self ? "member.left" : "member.removed", caller.userId(), target, id.value(), ip, null);
	}

	// --- invitations ---

	@Transactional
	public CreatedInvitation invite(WorkspaceId id, CurrentUser caller, String rawEmail, Role role,
			@Nullable String ip) {
		Role callerRole = access.require(id, caller, Role.ADMIN);
		if (role == Role.OWNER && callerRole != Role.OWNER) {
			throw new OwnersOnly();
		}
		String email = Emails.normalize(rawEmail);
		if (members.existsByEmail(id, email)) {
			throw new AlreadyMember();
		}
		Workspace workspace = workspaces.find(id).orElseThrow(WorkspaceNotFound::new);
		Instant now = clock.instant();
		invitations.revokePending(id, email, now);
		byte[] raw = new byte[32];
		RANDOM.nextBytes(raw);
		String token = "kci_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
		var invitation = new Invitation(UUID.randomUUID(), id, email, role, caller.userId().value(), now,
				now.plus(settings.invitationTtl()), null, null);
		invitations.insert(invitation, sha256(token));
		audit.record("member.invited", caller.userId(), null, id.value(), ip,
				email + " as " + role.name().toLowerCase());
		events.publishEvent(new MemberInvited(id, workspace.name(), email, role, token, invitation.expiresAt(),
				caller.email()));
		return new CreatedInvitation(invitation, token);
	}

	public CursorPage<Invitation> pendingInvitations(WorkspaceId id, CurrentUser caller, @Nullable String cursor,
			@Nullable Integer limit) {
		access.require(id, caller, Role.ADMIN);
		String scope = "invitations:" + id;
		PageRequest page = cursors.request(scope, cursor, limit);
		return cursors.page(scope, invitations.pending(id, clock.instant(), page), page,
				i -> List.of(i.createdAt().toString(), i.id().toString()));
	}

	@Transactional
	public void revokeInvitation(WorkspaceId id, CurrentUser caller, UUID invitationId) {
		access.require(id, caller, Role.ADMIN);
		if (!invitations.revoke(id, invitationId, clock.instant())) {
			throw new InvitationNotFound();
		}
	}

	@Transactional
	public MyWorkspace accept(CurrentUser caller, String token, @Nullable String ip) {
		CurrentUser person = caller.requirePerson();
		Instant now = clock.instant();
		Invitation invitation = invitations.byTokenHash(sha256(token))
			.filter(i -> i.pendingAt(now))
			.orElseThrow(InvitationNotFound::new);
		if (!invitation.email().equals(person.email())) {
			throw new InvitationForSomeoneElse();
		}
		if (members.roleOf(invitation.workspaceId(), person.userId()).isPresent()) {
			throw new AlreadyMember();
		}
		if (!invitations.accept(invitation.id(), person.userId(), now)) {
			throw new InvitationNotFound();
		}
		members.add(new Member(invitation.workspaceId(), person.userId(), person.email(), invitation.role(), now));
		audit.record("member.joined", person.userId(), person.userId(), invitation.workspaceId().value(), ip,
				"as " + invitation.role().name().toLowerCase());
		Workspace workspace = workspaces.find(invitation.workspaceId()).orElseThrow(WorkspaceNotFound::new);
		return new MyWorkspace(workspace, invitation.role(), now);
	}

	private static String sha256(String token) {
		return io.knowledgecloud.platform.Digests.sha256Hex(token);
	}
}
