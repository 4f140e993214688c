/** Search web: not visible to other modules. */
@NullMarked
package io.knowledgecloud.search.web;

import org.jspecify.annotations.NullMarked;
