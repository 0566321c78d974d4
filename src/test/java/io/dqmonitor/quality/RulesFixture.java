package io.dqmonitor.quality;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/** Builds rule sets from YAML the way Spring loads configuration files. */
final class RulesFixture {

    static final List<RuleFactory> FACTORIES = List.of(new NotNullRule.Factory(), new AllowedValuesRule.Factory(),
            new RangeRule.Factory(), new PatternRule.Factory(), new ImmutableRule.Factory(),
            new TransitionRule.Factory(), new MonotonicRule.Factory(), new NotClearedRule.Factory());

    private RulesFixture() {
    }

    /** Each YAML text is one configuration file; later ones take precedence, as additional locations do. */
    static Map<String, TableRules> rules(String... yamlFiles) {
        StandardEnvironment environment = new StandardEnvironment();
        for (int i = 0; i < yamlFiles.length; i++) {
            environment.getPropertySources().addFirst(yaml("file-" + i, yamlFiles[i]));
        }
        return new RuleSetParser(FACTORIES).parse(RulesTreeReader.read(ConfigurationPropertySources.get(environment)));
    }

    static RuleEvaluator evaluator(String... yamlFiles) {
        return new RuleEvaluator(rules(yamlFiles));
    }

    private static PropertySource<?> yaml(String name, String text) {
        try {
            return new YamlPropertySourceLoader().load(name, new ByteArrayResource(text.getBytes())).get(0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
