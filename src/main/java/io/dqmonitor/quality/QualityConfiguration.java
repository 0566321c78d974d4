package io.dqmonitor.quality;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
class QualityConfiguration {

    @Bean
    RuleSetLoader ruleSetLoader(List<RuleFactory> factories, QualityMetrics metrics) {
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
        private final QualityMetrics metrics;

        RuleSetLoader(RuleSetParser parser, QualityMetrics metrics) {
            this.parser = parser;
            this.metrics = metrics;
        }

        Map<String, TableRules> load(Iterable<ConfigurationPropertySource> sources) {
            Map<String, TableRules> tables = parser.parse(RulesTreeReader.read(sources));
            // the meters follow the rules: bounds published, counters at zero, meters of rules gone removed
            metrics.rulesInForce(tables);
            return tables;
        }
    }
}
