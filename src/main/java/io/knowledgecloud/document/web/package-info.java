/** Document web: not visible to other modules. */
@NullMarked
package io.knowledgecloud.document.web;

import org.jspecify.annotations.NullMarked;
