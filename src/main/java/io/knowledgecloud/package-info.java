/** KnowledgeCloud root: the application class only; every capability lives in a module package. */
@NullMarked
package io.knowledgecloud;

import org.jspecify.annotations.NullMarked;
