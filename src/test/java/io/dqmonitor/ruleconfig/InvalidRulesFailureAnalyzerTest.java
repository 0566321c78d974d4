package io.dqmonitor.ruleconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqmonitor.rules.InvalidRulesException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class InvalidRulesFailureAnalyzerTest {

    @Test
    void theStartupReportNamesTheKeyToFix() {
        InvalidRulesException cause = new InvalidRulesException("dq.tables.public.t.columns.email.pattern",
                "invalid regular expression '('");
        FailureAnalysis analysis = new InvalidRulesFailureAnalyzer()
                .analyze(new IllegalStateException("bean creation failed", cause));

        assertThat(analysis.getDescription()).isEqualTo("Invalid data-quality rules: "
                + "dq.tables.public.t.columns.email.pattern: invalid regular expression '('");
        assertThat(analysis.getAction()).startsWith("Fix 'dq.tables.public.t.columns.email.pattern'");
    }
}
