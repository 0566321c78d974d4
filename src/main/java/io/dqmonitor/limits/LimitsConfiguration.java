package io.dqmonitor.limits;

import io.dqmonitor.rules.LimitWindows;
import io.dqmonitor.rules.RuleMetrics;
import io.dqmonitor.rules.RulesInForce;
import io.dqmonitor.rules.TableLimits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

    @Bean
    TableLimits tableLimits(RulesInForce rules, LimitWindows windows, RuleMetrics metrics) {
        return new TableLimits(rules, windows, metrics);
    }
}
