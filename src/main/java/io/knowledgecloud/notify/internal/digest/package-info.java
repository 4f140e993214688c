/** The weekly digest job: new documents and most asked questions of a workspace, mailed as a PDF. */
@NullMarked
package io.knowledgecloud.notify.internal.digest;

import org.jspecify.annotations.NullMarked;
