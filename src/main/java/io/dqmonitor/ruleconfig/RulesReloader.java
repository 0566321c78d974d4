package io.dqmonitor.ruleconfig;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import io.dqmonitor.tasks.BackgroundTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Component;

/**
 * Re-reads the rules when a configuration file on disk changes (such as the one given with
 * {@code --spring.config.additional-location=file:rules.yml}), or when asked. The files are found through the origins
 * of the environment's property sources. A file that does not give a valid rule set is rejected as a whole: the
 * previous rules stay in force and {@code dq_rules_reload_failures_total} counts it. Only {@code dq.tables} and the
 * contracts of {@code dq.contracts.locations} reload, and a changed or added contract file triggers it too.
 */
@Component
class RulesReloader {

    private static final Logger log = LoggerFactory.getLogger(RulesReloader.class);
    private static final String TABLES_PREFIX = "dq.tables.";

    private final ConfigurableEnvironment environment;
    private final RulesConfiguration.RuleSetLoader loader;
    private final RulesInForce rules;
    private final ReloadMetrics metrics;
    private final Map<File, Long> lastModified = new LinkedHashMap<>();
    private Map<File, Long> contractsModified;

    RulesReloader(ConfigurableEnvironment environment, RulesConfiguration.RuleSetLoader loader,
            RulesInForce rules, ReloadMetrics metrics, RulesProperties properties, BackgroundTasks tasks) {
        this.environment = environment;
        this.loader = loader;
        this.rules = rules;
        this.metrics = metrics;
        configFiles().forEach((name, file) -> lastModified.put(file, file.lastModified()));
        contractsModified = contractStamps();
        Duration interval = properties.reloadInterval();
        if (!interval.isZero() && !interval.isNegative() && !(lastModified.isEmpty() && contractsModified.isEmpty())) {
            tasks.register("rules-reload", interval, interval, this::reloadIfChanged);
        }
    }

    /** The outcome of a reload: the tables now in force, or why the new rules were rejected. */
    record Outcome(boolean reloaded, List<String> tables, String error) {
    }

    synchronized Outcome reload() {
        try {
            MutablePropertySources sources = new MutablePropertySources();
            Map<String, File> files = configFiles();
            for (PropertySource<?> source : environment.getPropertySources()) {
                File file = files.get(source.getName());
                if (file == null) {
                    sources.addLast(source);
                } else {
                    // a file now holding several documents adds them all, in place of the one source it was
                    List<PropertySource<?>> reread = reread(source.getName(), file);
                    if (declaresTables(List.of(source)) && !declaresTables(reread)) {
                        throw new RulesWeakened(file + " declared tables and now declares none (empty or "
                                + "truncated?)");
                    }
                    reread.forEach(sources::addLast);
                }
            }
            Map<String, TableRules> tables = loader.load(ConfigurationPropertySources.from(sources));
            keepsPersonalColumns(rules.tables(), tables);
            rules.replace(tables);
            loader.commit();
            log.info("Reloaded data-quality rules for {}", tables.keySet());
            return new Outcome(true, List.copyOf(new java.util.TreeSet<>(tables.keySet())), null);
        } catch (IOException | RuntimeException e) {
            // a rule mistake, a YAML syntax error, an unreadable file: whatever it is, the rules in force stay
            metrics.reloadFailed();
            log.error("New data-quality rules rejected, the previous rules stay in force: {}", e.getMessage());
            return new Outcome(false, List.copyOf(new java.util.TreeSet<>(rules.tables().keySet())), e.getMessage());
        }
    }

    /** A reload that would weaken what the rules in force promise; the rules in force stay. */
    private static final class RulesWeakened extends RuntimeException {
        RulesWeakened(String message) {
            super(message);
        }
    }

    private static boolean declaresTables(List<PropertySource<?>> sources) {
        return sources.stream().anyMatch(source -> source instanceof EnumerablePropertySource<?> enumerable
                && Arrays.stream(enumerable.getPropertyNames()).anyMatch(name -> name.startsWith(TABLES_PREFIX)));
    }

    /**
     * Every column declared personal stays so, in the same mode or another: between a reload that unmasks a column
     * and the next one, its raw values would reach Redis and the history, and stay there.
     */
    private static void keepsPersonalColumns(Map<String, TableRules> inForce, Map<String, TableRules> next) {
        inForce.forEach((table, rules) -> rules.personal().keySet().forEach(column -> {
            TableRules after = next.get(table);
            if (after == null || !after.personal().containsKey(column)) {
                throw new RulesWeakened("dq.tables." + table + ".columns." + column + ".pii would be removed; a reload "
                        + "never unmasks a column: restart dq-monitor to apply it");
            }
        }));
    }

    private void reloadIfChanged() {
        boolean changed = false;
        for (Map.Entry<File, Long> entry : lastModified.entrySet()) {
            long now = entry.getKey().lastModified();
            if (now != entry.getValue()) {
                entry.setValue(now);
                changed = true;
            }
        }
        Map<File, Long> contracts = contractStamps();
        if (!contracts.equals(contractsModified)) {
            contractsModified = contracts;
            changed = true;
        }
        if (changed) {
            reload();
        }
    }

    /** Each contract file and when it last changed; a file added to or gone from a directory is a change too. */
    private Map<File, Long> contractStamps() {
        Map<File, Long> stamps = new LinkedHashMap<>();
        try {
            loader.contractFiles().forEach(path -> stamps.put(path.toFile(), path.toFile().lastModified()));
        } catch (RuntimeException e) {
            // a location that went away: the reload that follows says so and keeps the rules in force
            stamps.put(new File("?"), System.nanoTime());
        }
        return stamps;
    }

    /** Property source name to the file on disk it was loaded from. */
    private Map<String, File> configFiles() {
        Map<String, File> files = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable && source instanceof OriginLookup<?>
                    && enumerable.getPropertyNames().length > 0) {
                @SuppressWarnings("unchecked")
                Origin origin = ((OriginLookup<String>) source).getOrigin(enumerable.getPropertyNames()[0]);
                if (origin instanceof TextResourceOrigin text && text.getResource() != null
                        && text.getResource().isFile()) {
                    try {
                        files.put(source.getName(), text.getResource().getFile());
                    } catch (IOException e) {
                        // not a plain file after all: nothing to watch
                    }
                }
            }
        }
        return files;
    }

    private static List<PropertySource<?>> reread(String name, File file) throws IOException {
        PropertySourceLoader loader = file.getName().endsWith(".properties")
                ? new PropertiesPropertySourceLoader() : new YamlPropertySourceLoader();
        return new ArrayList<>(loader.load(name, new FileSystemResource(file)));
    }
}
