/**
 * Durable background jobs and per-workspace schedules: at-least-once execution with retries,
 * back-off and a dead-letter state. Other modules register {@link io.knowledgecloud.jobs.JobHandler}s
 * and submit work through {@link io.knowledgecloud.jobs.Jobs}.
 */
@NullMarked
@ApplicationModule(displayName = "Jobs")
package io.knowledgecloud.jobs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
