package io.knowledgecloud.agent.internal;

import java.math.MathContext;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.parser.ParseException;

import io.knowledgecloud.agent.spi.AgentTool;
import io.knowledgecloud.agent.spi.ToolFailure;
import io.knowledgecloud.agent.spi.ToolInvocation;
import io.knowledgecloud.agent.spi.ToolResult;

/** Exact decimal arithmetic (EvalEx): models are bad at sums, percentages and unit conversions. */
@Component
class CalculatorTool implements AgentTool {

	private static final ExpressionConfiguration CONFIG = ExpressionConfiguration.builder()
		.mathContext(MathContext.DECIMAL64)
		.build();

	@Override
	public String name() {
		return "calculator";
	}

	@Override
	public String description() {
		return "Evaluate an arithmetic expression exactly, e.g. (1250 - 1100) / 1100 * 100. Supports + - * / ^ and "
				+ "functions such as ROUND, SQRT, MIN, MAX.";
	}

	@Override
	public String parametersSchema() {
		return """
				{"type":"object","properties":{"expression":{"type":"string","maxLength":500}},
				"required":["expression"],"additionalProperties":false}""";
	}

	@Override
	public Effect effect() {
		return Effect.READ;
	}

	@Override
	public ToolResult call(ToolInvocation call) throws ToolFailure {
		String expression = Args.text(call.arguments(), "expression");
		if (expression.length() > 500) {
			throw new ToolFailure("invalid_arguments", "expression is longer than 500 characters");
		}
		try {
			var value = new Expression(expression, CONFIG).evaluate();
			if (!value.isNumberValue()) {
				throw new ToolFailure("invalid_expression", "the expression is not arithmetic");
			}
			String result = value.getNumberValue().stripTrailingZeros().toPlainString();
			return ToolResult.of(expression + " = " + result, expression + " = " + result,
					Args.json(Map.of("expression", expression, "result", result)));
		}
		catch (ParseException | EvaluationException | ArithmeticException e) {
			throw new ToolFailure("invalid_expression", "cannot evaluate: " + e.getMessage());
		}
	}
}
