/** Workspace internal: not visible to other modules. */
@NullMarked
package io.knowledgecloud.workspace.internal;

import org.jspecify.annotations.NullMarked;
