package io.dqmonitor.observability;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Grafana does to a query before its datasource runs it: template variables ({@code $table}, {@code $__interval},
 * {@code $__rate_interval}, {@code $__range}) and, for SQL, the macros of the PostgreSQL datasource, expanded as
 * Grafana's own code expands them. Anything else that starts with {@code $} is an error, so a query the tests cannot
 * expand faithfully fails instead of running as something else.
 */
public final class GrafanaTemplating {

    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)\\(([^)]*)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    private final Instant from;
    private final Instant to;
    private final Map<String, String> variables;

    /**
     * @param variables values of the dashboard's variables and of Grafana's interval variables, already formatted for
     *                  the datasource (a regex alternation for PromQL, a quoted list for SQL)
     */
    public GrafanaTemplating(Instant from, Instant to, Map<String, String> variables) {
        this.from = from;
        this.to = to;
        this.variables = variables;
    }

    /** A multi-value variable as Grafana formats it for Prometheus: a regex alternation. */
    public static String promRegex(List<String> values) {
        return values.size() == 1 ? values.get(0).replace(".", "\\\\.")
                : "(" + values.stream().map(v -> v.replace(".", "\\\\.")).collect(Collectors.joining("|")) + ")";
    }

    /** A multi-value variable as Grafana formats it for SQL: single-quoted, comma-separated. */
    public static String sqlList(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    public String promql(String expr) {
        return variables(expr);
    }

    public String sql(String query) {
        String withVariables = variables(query);
        Matcher macro = MACRO.matcher(withVariables);
        StringBuilder out = new StringBuilder();
        while (macro.find()) {
            List<String> args = macro.group(2).isBlank() ? List.of()
                    : Arrays.stream(macro.group(2).split(",")).map(String::strip).toList();
            macro.appendReplacement(out, Matcher.quoteReplacement(expand(macro.group(1), args)));
        }
        macro.appendTail(out);
        if (out.indexOf("$") >= 0) {
            throw new IllegalArgumentException("unexpanded Grafana syntax left in: " + out);
        }
        return out.toString();
    }

    private String variables(String text) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            // a macro call ($__timeFilter(...)) is not a variable; it is expanded after the variables
            boolean macro = text.startsWith("(", variable.end()) && name.startsWith("__");
            if (!macro && !variables.containsKey(name)) {
                throw new IllegalArgumentException("unknown variable $" + name + " in: " + text);
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(macro ? variable.group() : variables.get(name)));
        }
        variable.appendTail(out);
        return out.toString();
    }

    private String expand(String macro, List<String> args) {
        return switch (macro) {
            case "timeFilter" -> args.get(0) + " BETWEEN " + quoted(from) + " AND " + quoted(to);
            case "timeFrom" -> quoted(from);
            case "timeTo" -> quoted(to);
            case "time" -> args.get(0) + " AS \"time\"";
            case "timeGroup" -> timeGroup(args);
            case "timeGroupAlias" -> timeGroup(args) + " AS \"time\"";
            default -> throw new IllegalArgumentException("macro $__" + macro + " is not expanded by these tests");
        };
    }

    private static String timeGroup(List<String> args) {
        long seconds = seconds(args.get(1).replace("'", ""));
        return "floor(extract(epoch from " + args.get(0) + ")/" + seconds + ")*" + seconds;
    }

    public static long seconds(String interval) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(interval);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Grafana interval: " + interval);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Math.max(1, n / 1000);
            case "s" -> n;
            case "m" -> Duration.ofMinutes(n).toSeconds();
            case "h" -> Duration.ofHours(n).toSeconds();
            default -> Duration.ofDays(n).toSeconds();
        };
    }

    private static String quoted(Instant instant) {
        return "'" + DateTimeFormatter.ISO_INSTANT.format(instant) + "'";
    }
}
