package io.dqmonitor.ruleconfig;

import java.util.List;
import java.util.Map;

import io.dqmonitor.privacy.Masker;
import io.dqmonitor.privacy.PrivacyProperties;
import io.dqmonitor.cdc.UnavailableValues;
import io.dqmonitor.rules.RuleEvaluator;
import io.dqmonitor.rules.RuleFactory;
import io.dqmonitor.rules.RuleMetrics;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    RuleSetLoader ruleSetLoader(List<RuleFactory> factories, PrivacyProperties privacy) {
        return new RuleSetLoader(new RuleSetParser(factories, privacy.hasHashKey()));
    }

    /** The rules of the configuration at start-up: a mistake in them stops the start, naming the key. */
    @Bean
    RulesInForce rulesInForce(ConfigurableEnvironment environment, RuleSetLoader loader, RuleMetrics metrics) {
        return new RulesInForce(loader.load(ConfigurationPropertySources.get(environment)), metrics);
    }

    @Bean
    RuleEvaluator ruleEvaluator(RulesInForce rules, Masker masker) {
        return new RuleEvaluator(rules, masker);
    }

    @Bean
    UnavailableValues unavailableValues(RulesProperties properties) {
        return new UnavailableValues(properties.unavailableValuePlaceholder(),
                properties.unavailableValuePlaceholders());
    }

    /** Reads and checks a rule set, at start-up and on every reload. */
    static final class RuleSetLoader {

        private final RuleSetParser parser;

        RuleSetLoader(RuleSetParser parser) {
            this.parser = parser;
        }

        Map<String, TableRules> load(Iterable<ConfigurationPropertySource> sources) {
            return parser.parse(RulesTreeReader.read(sources));
        }
    }
}
