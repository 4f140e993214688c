/** HTTP API of agent runs, approvals, policy and memory. */
@NullMarked
package io.knowledgecloud.agent.web;

import org.jspecify.annotations.NullMarked;
