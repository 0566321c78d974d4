package io.dqmonitor.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's {@code prometheus.yml} with docker compose addresses swapped for local ones (a service found by
 * DNS, for its local instances), its rule files taken
 * from this checkout, the scrape's password file a local one, and a 1-second scrape and evaluation interval. Nothing else changes: jobs, metric paths and
 * rules are the shipped ones.
 */
public final class LocalPrometheusConfig {

    private LocalPrometheusConfig() {
    }

    /** {@code passwordFile}: where the scrape's {@code basic_auth.password_file} is on this machine. */
    @SuppressWarnings("unchecked")
    public static String adapt(Path config, Map<String, String> addresses, Path passwordFile) throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(config));
        Map<String, Object> global = (Map<String, Object>) root.get("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        root.put("rule_files", ((List<String>) root.get("rule_files")).stream()
                .map(LocalPrometheusConfig::withLocalRules).toList());
        for (Map<String, Object> alertmanager : (List<Map<String, Object>>) ((Map<String, Object>) root.get("alerting"))
                .get("alertmanagers")) {
            relocate(alertmanager, addresses);
        }
        for (Map<String, Object> job : (List<Map<String, Object>>) root.get("scrape_configs")) {
            discoveredLocally(job);
            relocate(job, addresses);
            if (job.get("basic_auth") instanceof Map<?, ?> auth) {
                ((Map<String, Object>) auth).put("password_file", passwordFile.toAbsolutePath().toString());
            }
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(root);
    }

    /** The shipped config names the rules by their path in the container; this points it at this checkout's. */
    static String withLocalRules(String config) {
        return config.replace("/etc/prometheus/alerts/", AlertRules.DIRECTORY.toAbsolutePath() + "/");
    }

    /**
     * docker compose's DNS answers a service's name with every replica's address; here the job gets the name as a
     * static target instead, which {@code addresses} maps to the local instances (several, separated by commas).
     */
    @SuppressWarnings("unchecked")
    private static void discoveredLocally(Map<String, Object> job) {
        Object discovery = job.remove("dns_sd_configs");
        if (discovery == null) {
            return;
        }
        List<String> targets = ((List<Map<String, Object>>) discovery).stream().flatMap(sd ->
                ((List<String>) sd.get("names")).stream().map(name -> name + ":" + sd.get("port"))).toList();
        Map<String, Object> local = new java.util.LinkedHashMap<>();
        local.put("targets", targets);
        job.put("static_configs", List.of(local));
    }

    @SuppressWarnings("unchecked")
    private static void relocate(Map<String, Object> section, Map<String, String> addresses) {
        for (Map<String, Object> staticConfig : (List<Map<String, Object>>) section.get("static_configs")) {
            staticConfig.put("targets", ((List<String>) staticConfig.get("targets")).stream().flatMap(target -> {
                String local = addresses.get(target);
                if (local == null) {
                    throw new IllegalArgumentException("no local address for " + target + " of " + section);
                }
                return java.util.Arrays.stream(local.split(","));
            }).toList());
        }
    }
}
