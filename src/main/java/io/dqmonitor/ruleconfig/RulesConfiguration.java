package io.dqmonitor.ruleconfig;

import java.util.List;
import java.util.Map;

import io.dqmonitor.contracts.Clause;
import io.dqmonitor.contracts.ContractRules;
import io.dqmonitor.contracts.ContractSchemas;
import io.dqmonitor.contracts.Contracts;
import io.dqmonitor.contracts.RuleTrees;
import io.dqmonitor.expressions.CelExpressions;
import io.dqmonitor.privacy.Masker;
import io.dqmonitor.privacy.PrivacyProperties;
import io.dqmonitor.cdc.UnavailableValues;
import io.dqmonitor.rules.RuleEvaluator;
import io.dqmonitor.rules.RuleFactory;
import io.dqmonitor.rules.RuleMetrics;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    RuleSetLoader ruleSetLoader(List<RuleFactory> factories, PrivacyProperties privacy, CelExpressions expressions,
            Contracts contracts, ContractSchemas schemas) {
        return new RuleSetLoader(new RuleSetParser(factories, privacy.hasHashKey(), expressions), contracts, schemas);
    }

    /** The rules of the configuration at start-up: a mistake in them stops the start, naming the key. */
    @Bean
    RulesInForce rulesInForce(ConfigurableEnvironment environment, RuleSetLoader loader, RuleMetrics metrics) {
        RulesInForce rules = new RulesInForce(loader.load(ConfigurationPropertySources.get(environment)), metrics);
        loader.commit();
        return rules;
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

    /**
     * Reads and checks a rule set, at start-up and on every reload: the native rules of {@code dq.tables} and the
     * contracts' rules, added up.
     */
    static final class RuleSetLoader {

        private static final Logger log = LoggerFactory.getLogger(RuleSetLoader.class);

        private final RuleSetParser parser;
        private final Contracts contracts;
        private final ContractSchemas schemas;
        private volatile List<Clause> clauses = List.of();
        private ContractRules loaded = ContractRules.NONE;

        RuleSetLoader(RuleSetParser parser, Contracts contracts, ContractSchemas schemas) {
            this.parser = parser;
            this.contracts = contracts;
            this.schemas = schemas;
        }

        synchronized Map<String, TableRules> load(Iterable<ConfigurationPropertySource> sources) {
            ContractRules contract = contracts.load();
            Map<String, Map<String, Object>> tree = RuleTrees.merge(RulesTreeReader.read(sources),
                    path -> "dq.tables." + path.replace('/', '.'), contract.tables(), contract.origins()::get);
            Map<String, TableRules> tables = parser.parse(tree, contract.origins()::get);
            loaded = contract;
            return tables;
        }

        /** The contracts of the rules just loaded are now in force too: their clauses and declared schemas. */
        synchronized void commit() {
            if (!loaded.clauses().equals(clauses)) {
                loaded.clauses().forEach(clause -> log.info("Contract clause {}", clause.describe()));
            }
            clauses = loaded.clauses();
            schemas.replace(loaded.schemas());
        }

        /** Every clause of the contracts last loaded, checked or not. */
        List<Clause> clauses() {
            return clauses;
        }

        /** The contract files now, whose changes reload the rules as the configuration files' do. */
        List<java.nio.file.Path> contractFiles() {
            return contracts.files();
        }
    }
}
