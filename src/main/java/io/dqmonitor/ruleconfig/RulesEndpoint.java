package io.dqmonitor.ruleconfig;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.dqmonitor.rules.RulesInForce;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/** {@code GET /actuator/rules}: the rules in force; {@code POST /actuator/rules}: re-read them from the files. */
@Component
@Endpoint(id = "rules")
class RulesEndpoint {

    private final RulesInForce rules;
    private final RulesReloader reloader;

    RulesEndpoint(RulesInForce rules, RulesReloader reloader) {
        this.rules = rules;
        this.reloader = reloader;
    }

    @ReadOperation
    Map<String, List<String>> rules() {
        Map<String, List<String>> rules = new TreeMap<>();
        this.rules.tables().forEach((table, tableRules) -> rules.put(table, tableRules.columnRuleLabels().stream()
                .map(label -> label.getKey() + ":" + label.getValue()).toList()));
        return rules;
    }

    @WriteOperation
    RulesReloader.Outcome reload() {
        return reloader.reload();
    }
}
