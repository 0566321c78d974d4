package io.dqmonitor.quality;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/** {@code GET /actuator/rules}: the rules in force; {@code POST /actuator/rules}: re-read them from the files. */
@Component
@Endpoint(id = "rules")
class RulesEndpoint {

    private final RuleEvaluator evaluator;
    private final RulesReloader reloader;

    RulesEndpoint(RuleEvaluator evaluator, RulesReloader reloader) {
        this.evaluator = evaluator;
        this.reloader = reloader;
    }

    @ReadOperation
    Map<String, List<String>> rules() {
        Map<String, List<String>> rules = new TreeMap<>();
        evaluator.tables().forEach((table, tableRules) -> rules.put(table, tableRules.columnRuleLabels().stream()
                .map(label -> label.getKey() + ":" + label.getValue()).toList()));
        return rules;
    }

    @WriteOperation
    RulesReloader.Outcome reload() {
        return reloader.reload();
    }
}
