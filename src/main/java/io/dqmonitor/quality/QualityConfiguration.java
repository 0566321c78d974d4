package io.dqmonitor.quality;

import java.util.List;

import io.dqmonitor.metrics.DqMetrics;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
class QualityConfiguration {

    @Bean
    RuleEvaluator ruleEvaluator(ConfigurableEnvironment environment, List<RuleFactory> factories, DqMetrics metrics) {
        var tables = new RuleSetParser(factories).parse(RulesTreeReader.read(ConfigurationPropertySources.get(environment)));
        // Publish the bounds and start every declared counter at zero, so rates and alerts work before a first failure.
        tables.values().forEach(table -> {
            if (table.freshness() != null) {
                metrics.freshnessThreshold(table.table(), table.freshness());
            }
            table.columnRuleLabels().forEach(label -> metrics.violationCounter(table.table(), label.getKey(), label.getValue()));
        });
        return new RuleEvaluator(tables);
    }
}
