package io.dqmonitor.ruleconfig;

import java.util.Map;

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

    /** Each YAML text is one configuration file; later ones take precedence, as additional locations do. */
    public static Map<String, TableRules> rules(String... yamlFiles) {
        StandardEnvironment environment = new StandardEnvironment();
        for (int i = 0; i < yamlFiles.length; i++) {
            environment.getPropertySources().addFirst(yaml("file-" + i, yamlFiles[i]));
        }
        return new RuleSetParser(RuleFixtures.factories(), true).parse(RulesTreeReader.read(ConfigurationPropertySources.get(environment)));
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
