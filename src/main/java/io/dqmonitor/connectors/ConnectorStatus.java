package io.dqmonitor.connectors;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One connector as Connect's {@code /connectors?expand=status} describes it.
 *
 * @param state the connector's state: {@code RUNNING}, {@code PAUSED}, {@code STOPPED}, {@code FAILED},
 *              {@code UNASSIGNED} or {@code RESTARTING}
 * @param trace the connector's failure trace, shortened, or null
 */
record ConnectorStatus(String name, String state, String trace, List<Task> tasks) {

    /** The states Connect reports; any other is shown as {@code UNKNOWN}. */
    static final List<String> STATES = List.of("RUNNING", "PAUSED", "STOPPED", "FAILED", "UNASSIGNED", "RESTARTING",
            "UNKNOWN");
    /** How much of a trace the health details and the log keep: its first lines say what failed. */
    static final int MAX_TRACE = 600;
    static final int MAX_NAME = 200;
    static final int MAX_TASKS = 64;

    record Task(int id, String state, String trace) {
    }

    boolean failing() {
        return "FAILED".equals(state) || tasks.stream().anyMatch(t -> "FAILED".equals(t.state()));
    }

    static ConnectorStatus of(String name, JsonNode status) {
        JsonNode connector = status.path("connector");
        List<Task> tasks = new ArrayList<>();
        for (JsonNode task : status.path("tasks")) {
            if (tasks.size() == MAX_TASKS) {
                break;
            }
            tasks.add(new Task(task.path("id").asInt(tasks.size()), state(task), trace(task)));
        }
        return new ConnectorStatus(cut(name, MAX_NAME), state(connector), trace(connector), List.copyOf(tasks));
    }

    private static String state(JsonNode node) {
        String state = node.path("state").asString("UNKNOWN");
        return STATES.contains(state) ? state : "UNKNOWN";
    }

    private static String trace(JsonNode node) {
        JsonNode trace = node.get("trace");
        return trace == null || trace.isNull() ? null : cut(causes(trace.asString()), MAX_TRACE);
    }

    /**
     * A Java stack trace without its frames: the exception and each cause, whose last one says what went wrong
     * ("permission denied to start WAL sender"), where the first lines alone would only say where.
     */
    static String causes(String trace) {
        StringBuilder shown = new StringBuilder();
        for (String line : trace.split("\\R")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("at ") || stripped.startsWith("...")) {
                continue;
            }
            if (shown.length() > 0) {
                shown.append('\n');
            }
            shown.append(stripped);
        }
        return shown.toString();
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " characters)";
    }
}
