package io.dqmonitor.expressions;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.dqmonitor.rules.ColumnRule;
import io.dqmonitor.rules.InvalidRulesException;
import org.springframework.stereotype.Component;

/**
 * Compiles the rules' CEL expressions with Google's CEL for Java: parsed and type-checked once, at start-up and at
 * each reload, over the variables {@code op} (string), {@code before} and {@code after} (maps from column to value)
 * and {@code source} (a map of {@code table}, {@code commit_time} and {@code position}). A mistake names the setting
 * and the line and column in the expression.
 */
@Component
public final class CelExpressions {

    /** How many steps a comprehension ({@code all}, {@code exists}, {@code map}, ...) may take on one change. */
    static final int MAX_ITERATIONS = 10_000;

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .maxParseExpressionNodeCount(10_000)
            .build();

    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar(CelActivation.OP, SimpleType.STRING)
            .addVar(CelActivation.BEFORE, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(CelActivation.AFTER, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(CelActivation.SOURCE, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(CelActivation.MESSAGE, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    /**
     * The rule that {@code expr} holds true; {@code when}, when not null, limits it to the changes it holds true of.
     * {@code path} is the setting, such as {@code dq.tables.t.expressions[0]}.
     */
    public ColumnRule.EventRule compile(String path, String expr, String when) {
        CelRuntime.Program check = program(path + ".expr", expr);
        CelRuntime.Program condition = when == null ? null : program(path + ".when", when);
        return new ExpressionRule(check, condition);
    }

    private CelRuntime.Program program(String path, String expression) {
        CelValidationResult result = compiler.compile(expression);
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw new InvalidRulesException(path, "does not compile: " + describe(e));
        }
        CelKind kind = ast.getResultType().kind();
        if (kind != CelKind.BOOL && kind != CelKind.DYN) {
            throw new InvalidRulesException(path, "must be true or false, but is of type "
                    + ast.getResultType().name() + ": " + expression);
        }
        try {
            return runtime.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new InvalidRulesException(path, "cannot be evaluated: " + e.getMessage());
        }
    }

    /** Each error with its line and column (from 1) in the expression. */
    private static String describe(CelValidationException e) {
        StringBuilder errors = new StringBuilder();
        for (CelIssue issue : e.getErrors()) {
            if (!errors.isEmpty()) {
                errors.append("; ");
            }
            errors.append("at line ").append(issue.getSourceLocation().getLine())
                    .append(", column ").append(issue.getSourceLocation().getColumn() + 1)
                    .append(": ").append(issue.getMessage());
        }
        return errors.toString();
    }
}
