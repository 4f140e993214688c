/** Test support: the HTTP client, database and service set-up shared by integration tests. */
@NullMarked
package io.knowledgecloud.support;

import org.jspecify.annotations.NullMarked;
