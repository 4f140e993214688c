/** Run execution, planners, tools, approvals, memory and their tables. */
@NullMarked
package io.knowledgecloud.agent.internal;

import org.jspecify.annotations.NullMarked;
