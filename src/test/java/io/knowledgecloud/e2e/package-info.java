/** End-to-end tests across modules, through HTTP only. */
@NullMarked
package io.knowledgecloud.e2e;

import org.jspecify.annotations.NullMarked;
