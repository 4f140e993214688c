/** Identity web: not visible to other modules. */
@NullMarked
package io.knowledgecloud.identity.web;

import org.jspecify.annotations.NullMarked;
