/** Notify web: not visible to other modules. */
@NullMarked
package io.knowledgecloud.notify.web;

import org.jspecify.annotations.NullMarked;
