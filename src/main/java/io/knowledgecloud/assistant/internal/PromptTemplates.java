package io.knowledgecloud.assistant.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.knowledgecloud.assistant.PromptTemplateView;
import io.knowledgecloud.assistant.internal.AssistantProblems.InvalidQuestion;

/** Table {@code assistant_prompt_templates}: versioned templates per workspace; the newest is active. */
@Repository
public class PromptTemplates {

	static final Set<String> VARIABLES = Set.of("sources", "question", "workspace");
	private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
	private static final int MAX_LENGTH = 20_000;

	private final JdbcClient jdbc;
	private final Clock clock;

	PromptTemplates(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The active template: the workspace's newest, or the built-in one. */
	public PromptTemplate active(UUID workspaceId) {
		return newest(workspaceId).map(v -> new PromptTemplate("workspace", v.version(), v.system(), v.user()))
			.orElse(PromptTemplate.DEFAULT);
	}

	public PromptTemplateView view(UUID workspaceId) {
		return newest(workspaceId).orElse(builtin());
	}

	public static PromptTemplateView builtin() {
		return new PromptTemplateView(0, true, PromptTemplate.DEFAULT.system(), PromptTemplate.DEFAULT.user(), null, null);
	}

	public List<PromptTemplateView> versions(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM assistant_prompt_templates WHERE workspace_id = ? ORDER BY version DESC LIMIT 100")
			.param(workspaceId)
			.query((rs, n) -> view(rs))
			.list();
	}

	/** Stores a new version after checking it; answers it. */
	public PromptTemplateView save(UUID workspaceId, String system, String user, UUID by) {
		check(system, user);
		for (int attempt = 0; attempt < 3; attempt++) {
			int next = newest(workspaceId).map(v -> v.version() + 1).orElse(1);
			try {
				jdbc.sql("""
						INSERT INTO assistant_prompt_templates (workspace_id, version, system_text, user_text, created_by,
						created_at) VALUES (?, ?, ?, ?, ?, ?)""")
					.params(workspaceId, next, system, user, by, Timestamp.from(clock.instant()))
					.update();
				return newest(workspaceId).orElseThrow();
			}
			catch (DuplicateKeyException e) {
				// another admin saved at the same moment: take the next number
			}
		}
		throw new IllegalStateException("could not store the template version");
	}

	public void reset(UUID workspaceId) {
		jdbc.sql("DELETE FROM assistant_prompt_templates WHERE workspace_id = ?").param(workspaceId).update();
	}

	/** A template must name the sources and the question, use only known variables, and stay short. */
	public static void check(String system, String user) {
		if (system.length() + user.length() > MAX_LENGTH) {
			throw new InvalidQuestion("invalid_template", "A template may have at most " + MAX_LENGTH + " characters.");
		}
		String both = system + "\n" + user;
		Matcher m = VARIABLE.matcher(both);
		boolean sources = false;
		boolean question = false;
		while (m.find()) {
			String name = m.group(1);
			if (!VARIABLES.contains(name)) {
				throw new InvalidQuestion("invalid_template",
						"Unknown variable {{" + name + "}}; known: {{sources}}, {{question}}, {{workspace}}.");
			}
			sources |= name.equals("sources");
			question |= name.equals("question");
		}
		if (!sources || !question) {
			throw new InvalidQuestion("invalid_template", "A template must contain {{sources}} and {{question}}.");
		}
	}

	private Optional<PromptTemplateView> newest(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM assistant_prompt_templates WHERE workspace_id = ? ORDER BY version DESC LIMIT 1")
			.param(workspaceId)
			.query((rs, n) -> view(rs))
			.optional();
	}

	private static PromptTemplateView view(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new PromptTemplateView(rs.getInt("version"), false, rs.getString("system_text"),
				rs.getString("user_text"), rs.getObject("created_by", UUID.class),
				rs.getTimestamp("created_at").toInstant());
	}
}
