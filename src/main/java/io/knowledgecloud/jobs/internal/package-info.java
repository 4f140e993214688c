/** Jobs internal: the db-scheduler wiring, dead letters and schedules; not visible to other modules. */
@NullMarked
package io.knowledgecloud.jobs.internal;

import org.jspecify.annotations.NullMarked;
