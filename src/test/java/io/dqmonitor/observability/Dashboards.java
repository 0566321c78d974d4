package io.dqmonitor.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.dqmonitor.system.PipelineClient;
import tools.jackson.databind.JsonNode;

/** The dashboards in {@code grafana/dashboards} and every query in them, as Grafana would run them. */
public final class Dashboards {

    public static final Path DIRECTORY = Path.of("grafana", "dashboards");
    public static final String PROMETHEUS = "prometheus";
    public static final String POSTGRES = "grafana-postgresql-datasource";

    private Dashboards() {
    }

    /** One query of one panel: PromQL for Prometheus panels, SQL for PostgreSQL panels. */
    public record Query(String dashboard, String panel, String refId, String datasourceType, String text, JsonNode dashboardJson) {

        @Override
        public String toString() {
            return dashboard + " / " + panel + " / " + refId;
        }
    }

    public static List<Path> files() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return PipelineClient.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<JsonNode> all() {
        return files().stream().map(Dashboards::read).toList();
    }

    /** Every panel, including those nested in rows. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    public static List<Query> queries(String datasourceType) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode dashboard : all()) {
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    String type = target.path("datasource").path("type").asString(panel.path("datasource").path("type").asString());
                    if (type.equals(datasourceType)) {
                        String text = PROMETHEUS.equals(type) ? target.path("expr").asString() : target.path("rawSql").asString();
                        queries.add(new Query(dashboard.path("title").asString(), panel.path("title").asString(),
                                target.path("refId").asString(), type, text, dashboard));
                    }
                }
            }
        }
        return queries;
    }
}
