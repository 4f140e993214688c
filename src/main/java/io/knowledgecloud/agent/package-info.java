/**
 * Agents: background runs that plan, call tools and propose document changes that a human
 * approves before anything is written.
 */
@NullMarked
@ApplicationModule(displayName = "Agent")
package io.knowledgecloud.agent;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
