package io.dqmonitor.ruleconfig;

import io.dqmonitor.rules.InvalidRulesException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a rule mistake into a short start-up report that names the key instead of a bean-creation stack trace. */
class InvalidRulesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRulesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRulesException cause) {
        return new FailureAnalysis("Invalid data-quality rules: " + cause.getMessage(),
                "Fix '" + cause.key() + "' in your configuration (see the rule reference in README.md).", cause);
    }
}
