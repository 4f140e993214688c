/**
 * Identity: users, credentials, access and refresh tokens, sessions, MFA, API keys and the
 * security audit log. Published API: {@link io.knowledgecloud.identity.CurrentUser},
 * {@link io.knowledgecloud.identity.UserDirectory}, {@link io.knowledgecloud.identity.ApiKeys},
 * {@link io.knowledgecloud.identity.AuditLog} and the {@link io.knowledgecloud.identity.UserRegistered} event.
 */
@NullMarked
@ApplicationModule(displayName = "Identity")
package io.knowledgecloud.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
