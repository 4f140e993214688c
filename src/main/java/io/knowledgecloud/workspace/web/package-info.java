/** Workspace web: not visible to other modules. */
@NullMarked
package io.knowledgecloud.workspace.web;

import org.jspecify.annotations.NullMarked;
