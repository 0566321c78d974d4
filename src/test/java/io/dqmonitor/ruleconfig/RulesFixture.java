package io.dqmonitor.ruleconfig;

import java.util.List;
import java.util.Map;

import io.dqmonitor.contracts.Contracts;
import io.dqmonitor.contracts.ContractsProperties;
import io.dqmonitor.expressions.CelExpressions;
import io.dqmonitor.rules.RuleEvaluator;
import io.dqmonitor.rules.RuleFixtures;
import io.dqmonitor.rules.TableRules;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/** Builds rule sets from YAML the way Spring loads configuration files. */
public final class RulesFixture {

    private RulesFixture() {
    }

    /** The loader of the application: native rules, with the contracts found at {@code contractLocations}. */
    static RulesConfiguration.RuleSetLoader loader(boolean hashKeySet, String... contractLocations) {
        return new RulesConfiguration.RuleSetLoader(
                new RuleSetParser(RuleFixtures.factories(), hashKeySet, new CelExpressions()),
                new Contracts(new ContractsProperties(List.of(contractLocations), Map.of())),
                new io.dqmonitor.contracts.ContractSchemas());
    }

    /** Each YAML text is one configuration file; later ones take precedence, as additional locations do. */
    public static Map<String, TableRules> rules(String... yamlFiles) {
        StandardEnvironment environment = new StandardEnvironment();
        for (int i = 0; i < yamlFiles.length; i++) {
            environment.getPropertySources().addFirst(yaml("file-" + i, yamlFiles[i]));
        }
        return loader(true).load(ConfigurationPropertySources.get(environment));
    }

    public static RuleEvaluator evaluator(String... yamlFiles) {
        return RuleFixtures.evaluator(rules(yamlFiles));
    }

    static PropertySource<?> yaml(String name, String text) {
        try {
            return new YamlPropertySourceLoader().load(name, new ByteArrayResource(text.getBytes())).get(0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
