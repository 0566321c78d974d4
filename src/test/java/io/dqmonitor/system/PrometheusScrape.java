package io.dqmonitor.system;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The samples of one {@code /actuator/prometheus} scrape, by series ({@code name{labels}}). */
public record PrometheusScrape(Map<String, Double> samples) {

    public static PrometheusScrape parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            samples.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        }
        return new PrometheusScrape(samples);
    }

    /** The series of {@code cdc_events_total} for a table and op, as the scrape names it (labels in order). */
    public static String events(String table, String op) {
        return "cdc_events_total{op=\"" + op + "\",table=\"" + table + "\"}";
    }

    /** The series of {@code dq_violations_total} for a table, column and rule, as the scrape names it. */
    public static String violations(String table, String column, String rule) {
        return "dq_violations_total{column=\"" + column + "\",rule=\"" + rule + "\",table=\"" + table + "\"}";
    }

    public double value(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    /** The sum of every series that starts with {@code prefix}, e.g. {@code cdc_events_total{} for all tables and ops. */
    public double sum(String prefix) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** For every series whose name starts with {@code prefix}: how much it grew since {@code before}; zeros left out. */
    public Map<String, Double> growthSince(PrometheusScrape before, String prefix) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .filter(e -> e.getValue() - before.value(e.getKey()) != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() - before.value(e.getKey())));
    }
}
