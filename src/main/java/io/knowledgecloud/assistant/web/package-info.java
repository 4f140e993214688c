/** Assistant web: not visible to other modules. */
@NullMarked
package io.knowledgecloud.assistant.web;

import org.jspecify.annotations.NullMarked;
