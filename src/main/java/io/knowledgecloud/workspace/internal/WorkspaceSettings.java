package io.knowledgecloud.workspace.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Workspace configuration ({@code kc.workspace.*}).
 *
 * @param invitationTtl how long an invitation can be accepted
 */
@Validated
@ConfigurationProperties("kc.workspace")
public record WorkspaceSettings(@DefaultValue("7d") Duration invitationTtl) {
}
