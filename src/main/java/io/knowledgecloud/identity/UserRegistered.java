package io.knowledgecloud.identity;

/** A new account exists; the workspace module creates its personal workspace. */
public record UserRegistered(UserId userId, String email, String displayName) {
}
