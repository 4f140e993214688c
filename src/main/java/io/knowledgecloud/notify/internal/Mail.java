package io.knowledgecloud.notify.internal;

/** One outgoing plain-text e-mail. */
public record Mail(String to, String subject, String body) {
}
