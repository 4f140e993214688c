package io.knowledgecloud.agent.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.agent.spi.ToolResult;

/** Today's date and time, so "last quarter" and "this year" mean something. */
@Component
class CurrentDateTool implements AgentTool {

	private final Clock clock;

	CurrentDateTool(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String name() {
		return "current_date";
	}

	@Override
	public String description() {
		return "The current date and time, in UTC or the given IANA time zone.";
	}

	@Override
	public String parametersSchema() {
		return """
				{"type":"object","properties":{"time_zone":{"type":"string","description":"e.g. Europe/Berlin"}},
				"additionalProperties":false}""";
	}

	@Override
	public Effect effect() {
		return Effect.READ;
	}

	@Override
	public ToolResult call(ToolInvocation call) throws ToolFailure {
		String zone = Args.optionalText(call.arguments(), "time_zone");
		try {
			ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone == null ? ZoneId.of("UTC") : ZoneId.of(zone)));
			String text = now.toLocalDate() + " " + now.toLocalTime().withNano(0) + " " + now.getZone() + " ("
					+ now.getDayOfWeek() + ")";
			return ToolResult.of(text, text, Args.json(Map.of("date", now.toLocalDate().toString(), "date_time",
					now.toOffsetDateTime().toString(), "time_zone", now.getZone().toString())));
		}
		catch (DateTimeException e) {
			throw new ToolFailure("invalid_arguments", "unknown time zone: " + RunStore.cut(zone, 60));
		}
	}
}
