package io.dqmonitor.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.dqmonitor.ruleconfig.RulesFixture;

/** The rule set dq-monitor ships for {@code public.user_activities} ({@code application.yml}), for benchmarks. */
public final class ShippedRules {

    private ShippedRules() {
    }

    public static RuleEvaluator evaluator() {
        try (InputStream in = ShippedRules.class.getResourceAsStream("/application.yml")) {
            return RulesFixture.evaluator(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
