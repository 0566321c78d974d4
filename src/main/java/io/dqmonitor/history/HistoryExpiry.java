package io.dqmonitor.history;

import io.dqmonitor.tasks.ExpiringRows;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The history's tables under the retention of {@code dq.history.retention}; their SQL stays with {@link ViolationLog}. */
@Configuration(proxyBeanMethods = false)
class HistoryExpiry {

    @Bean
    ExpiringRows violationsExpiry(ViolationLog log) {
        return log.violationsExpiry();
    }

    @Bean
    ExpiringRows schemaChangesExpiry(ViolationLog log) {
        return log.schemaChangesExpiry();
    }
}
