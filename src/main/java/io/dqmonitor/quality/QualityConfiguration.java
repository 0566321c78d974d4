package io.dqmonitor.quality;

import java.util.List;
import java.util.Map;

import io.dqmonitor.metrics.DqMetrics;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
class QualityConfiguration {

    @Bean
    RuleSetLoader ruleSetLoader(List<RuleFactory> factories, DqMetrics metrics) {
        return new RuleSetLoader(new RuleSetParser(factories), metrics);
    }

    @Bean
    RuleEvaluator ruleEvaluator(ConfigurableEnvironment environment, RuleSetLoader loader, RulesProperties properties) {
        return new RuleEvaluator(loader.load(ConfigurationPropertySources.get(environment)),
                properties.unavailableValuePlaceholder());
    }

    /** Reads, checks and publishes a rule set, at start-up and on every reload. */
    static final class RuleSetLoader {

        private final RuleSetParser parser;
        private final DqMetrics metrics;

        RuleSetLoader(RuleSetParser parser, DqMetrics metrics) {
            this.parser = parser;
            this.metrics = metrics;
        }

        Map<String, TableRules> load(Iterable<ConfigurationPropertySource> sources) {
            Map<String, TableRules> tables = parser.parse(RulesTreeReader.read(sources));
            // publish the bounds and start every declared counter at zero, so rates and alerts work before a failure
            tables.values().forEach(table -> {
                if (table.freshness() != null) {
                    metrics.freshnessThreshold(table.table(), table.freshness());
                }
                table.columnRuleLabels().forEach(l -> metrics.violationCounter(table.table(), l.getKey(), l.getValue()));
            });
            return tables;
        }
    }
}
