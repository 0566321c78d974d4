package io.dqmonitor.ruleconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.dqmonitor.contracts.Clause;
import io.dqmonitor.rules.RulesInForce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/rules}: the rules in force (with {@code column:pii=<mode>} for personal columns, and the
 * contracts' clauses);
 * {@code POST /actuator/rules}: re-read them from the files.
 */
@Component
@Endpoint(id = "rules")
class RulesEndpoint {

    private static final Logger log = LoggerFactory.getLogger(RulesEndpoint.class);

    /** Where {@code GET} lists the contract clauses that map to no table. */
    static final String NO_TABLE = "(no table)";

    private final RulesInForce rules;
    private final RulesReloader reloader;
    private final RulesConfiguration.RuleSetLoader loader;

    RulesEndpoint(RulesInForce rules, RulesReloader reloader, RulesConfiguration.RuleSetLoader loader) {
        this.rules = rules;
        this.reloader = reloader;
        this.loader = loader;
    }

    /**
     * Per table, its {@code column:rule} checks, its personal columns, and every clause of a contract about it,
     * checked or not; clauses that map to no table are under {@value #NO_TABLE}.
     */
    @ReadOperation
    Map<String, List<String>> rules() {
        Map<String, List<String>> rules = new TreeMap<>();
        this.rules.tables().forEach((table, tableRules) -> rules.put(table, new ArrayList<>(Stream.concat(
                tableRules.columnRuleLabels().stream().map(label -> label.getKey() + ":" + label.getValue()),
                tableRules.personal().entrySet().stream().map(pii -> pii.getKey() + ":pii=" + pii.getValue().label()))
                .toList())));
        for (Clause clause : loader.clauses()) {
            rules.computeIfAbsent(clause.table() == null ? NO_TABLE : clause.table(), t -> new ArrayList<>())
                    .add("contract " + clause.describe());
        }
        return rules;
    }

    /**
     * Audited: the log says who asked, the authenticated name ({@code anonymousUser} with security off). Read from
     * Spring Security's context: an operation parameter would make the endpoint expect a JSON body.
     */
    @WriteOperation
    RulesReloader.Outcome reload() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        log.info("Rules reload requested by {}", caller == null ? "anonymous" : caller.getName());
        return reloader.reload();
    }
}
