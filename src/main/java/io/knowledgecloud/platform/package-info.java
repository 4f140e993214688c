/**
 * Cross-cutting web conventions shared by every module: problem documents, cursors, ETags,
 * secret encryption. Holds no business state.
 */
@NullMarked
@ApplicationModule(displayName = "Platform")
package io.knowledgecloud.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
