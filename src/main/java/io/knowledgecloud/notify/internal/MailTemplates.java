package io.knowledgecloud.notify.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * Mail from Mustache templates in {@code templates/mail/}: {@code <name>.subject.mustache} and
 * {@code <name>.txt.mustache} (required) and {@code <name>.html.mustache} (optional). Only the
 * HTML part escapes values; subject and text are plain text.
 */
@Component
public class MailTemplates {

	private static final String DIR = "templates/mail/";

	private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false).defaultValue("");
	private final Mustache.Compiler html = Mustache.compiler().defaultValue("");
	private final Map<String, @Nullable Template> cache = new ConcurrentHashMap<>();

	/** Renders template {@code name} for {@code to}, with {@code attachments}. */
	public Mail render(String name, String to, Map<String, ?> model, List<Mail.Attachment> attachments) {
		String subject = required(name + ".subject", text).execute(model).strip();
		String body = required(name + ".txt", text).execute(model);
		Template htmlTemplate = template(name + ".html", html);
		return new Mail(to, subject, body, htmlTemplate == null ? null : htmlTemplate.execute(model), attachments);
	}

	private Template required(String file, Mustache.Compiler compiler) {
		Template t = template(file, compiler);
		if (t == null) {
			throw new IllegalStateException("Missing mail template " + DIR + file + ".mustache");
		}
		return t;
	}

	private @Nullable Template template(String file, Mustache.Compiler compiler) {
		return cache.computeIfAbsent(file, f -> {
			var resource = new ClassPathResource(DIR + f + ".mustache");
			if (!resource.exists()) {
				return null;
			}
			try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
				return compiler.compile(reader);
			}
			catch (IOException e) {
				throw new IllegalStateException("Cannot read mail template " + f, e);
			}
		});
	}
}
