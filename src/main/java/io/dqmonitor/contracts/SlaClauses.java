package io.dqmonitor.contracts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A contract's {@code slaProperties}: {@code latency} and {@code frequency} say how long a table may go without a
 * change, and become its freshness (the shorter, when both are given); the other properties are listed as not checked.
 * The table is the object named in {@code element} ({@code object.column}), or the contract's only object.
 */
final class SlaClauses {

    private final ContractMapper mapper;
    private final Map<String, String> tableOfObject;

    SlaClauses(ContractMapper mapper, Map<String, String> tableOfObject) {
        this.mapper = mapper;
        this.tableOfObject = tableOfObject;
    }

    void map(JsonNode sla) {
        Map<String, Candidate> shortest = new LinkedHashMap<>();
        for (int i = 0; i < sla.size(); i++) {
            JsonNode property = sla.get(i);
            String where = "slaProperties[" + i + "]";
            String name = property.path("property").asString("");
            String text = name + ": " + property.path("value").asString(property.path("value").toString())
                    + (property.has("unit") ? " " + property.path("unit").asString() : "");
            String table = table(property.path("element").asString(""));
            Duration duration = duration(property);
            if (!name.equals("latency") && !name.equals("frequency")) {
                mapper.notChecked(where, table, text, "no rule checks the SLA property '" + name + "'");
            } else if (table == null || duration == null) {
                mapper.notChecked(where, table, text, table == null ? "its element names no object of the contract"
                        : "its value and unit are not a duration (units: d, h, min, s, y)");
            } else {
                Candidate candidate = new Candidate(duration, new ContractMapper.Checked(where, text, "freshness"));
                Candidate previous = shortest.get(table);
                Candidate longer = candidate;
                if (previous == null || duration.compareTo(previous.duration()) < 0) {
                    shortest.put(table, candidate);
                    longer = previous;
                }
                if (longer != null) {
                    mapper.notChecked(longer.clause().where(), table, longer.clause().text(),
                            "a shorter latency or frequency of the table is its freshness");
                }
            }
        }
        shortest.forEach((table, candidate) -> mapper.set(table, null, "freshness",
                text(candidate.duration()), candidate.clause()));
    }

    /** As a rules file would write it: {@code 5m}, {@code 2h}, {@code 1d}. */
    private static String text(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 86_400 == 0 ? seconds / 86_400 + "d" : seconds % 3_600 == 0 ? seconds / 3_600 + "h"
                : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private record Candidate(Duration duration, ContractMapper.Checked clause) {
    }

    private String table(String element) {
        if (element.isBlank()) {
            return tableOfObject.size() == 1 ? tableOfObject.values().iterator().next() : null;
        }
        String object = element.contains(".") ? element.substring(0, element.indexOf('.')) : element;
        return tableOfObject.get(object);
    }

    /**
     * ODCS's units: d, day, days; y, yr, years; and h, hour(s), min, minute(s), s, second(s). A bare {@code m} is
     * month or minute, as ISO 8601 has it, and is not guessed.
     */
    private static Duration duration(JsonNode property) {
        if (!property.path("value").isNumber() && !property.path("value").asString("").matches("\\d+")) {
            return null;
        }
        long value = property.path("value").asLong();
        String unit = property.path("unit").asString("d").toLowerCase(java.util.Locale.ROOT);
        return switch (unit) {
            case "d", "day", "days" -> Duration.ofDays(value);
            case "h", "hr", "hour", "hours" -> Duration.ofHours(value);
            case "min", "minute", "minutes" -> Duration.ofMinutes(value);
            case "s", "sec", "second", "seconds" -> Duration.ofSeconds(value);
            case "y", "yr", "year", "years" -> Duration.ofDays(365 * value);
            default -> null;
        };
    }
}
