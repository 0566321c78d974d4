package io.dqmonitor.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A security mistake at start-up as a short report naming the key, not a bean-creation stack trace. */
class InvalidSecurityFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSecurityConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSecurityConfigurationException cause) {
        return new FailureAnalysis("Invalid security configuration: " + cause.getMessage(),
                "Set '" + cause.key() + "' (see \"Access control\" in README.md).", cause);
    }
}
