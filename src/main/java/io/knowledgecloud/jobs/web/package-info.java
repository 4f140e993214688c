/** Jobs web: dead-letter and schedule endpoints for workspace admins. */
@NullMarked
package io.knowledgecloud.jobs.web;

import org.jspecify.annotations.NullMarked;
