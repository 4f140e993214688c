package io.knowledgecloud.agent;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A workspace's rules for agents.
 *
 * @param allowedTools tools runs may use (null = every tool)
 * @param approvalRole the least role that may approve writes ({@code editor} or {@code admin})
 * @param httpAllowList hosts {@code http_fetch} may reach (empty = none)
 */
public record AgentPolicy(@Nullable List<String> allowedTools, String approvalRole, List<String> httpAllowList) {
}
