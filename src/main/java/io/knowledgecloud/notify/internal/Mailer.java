package io.knowledgecloud.notify.internal;

/** The mail port: sends one message, or captures it in embedded mode. */
public interface Mailer {

	/** Stable id of the adapter ({@code capture}, {@code smtp}). */
	String id();

	void send(Mail mail);
}
