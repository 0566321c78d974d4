package io.dqmonitor.connectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code connect} in {@code /actuator/health}: DOWN while a worker does not answer or a connector or task is FAILED,
 * with each connector's state and a failed one's trace, shortened. Not part of readiness: dq-monitor goes on reading
 * what reached Kafka whatever the connectors do.
 */
// the health key is the bean name less "HealthIndicator": connect
@Component("connectHealthIndicator")
class ConnectHealth implements HealthIndicator {

    private final ConnectWatch watch;

    ConnectHealth(ConnectWatch watch) {
        this.watch = watch;
    }

    @Override
    public Health health() {
        Map<String, ConnectWatch.Polled> latest = watch.latest();
        boolean down = latest.values().stream().anyMatch(p -> p.error() != null
                || p.connectors().stream().anyMatch(ConnectorStatus::failing));
        Health.Builder health = down ? Health.down() : Health.up();
        latest.forEach((connect, polled) -> health.withDetail(connect, details(polled)));
        return health.build();
    }

    private static Map<String, Object> details(ConnectWatch.Polled polled) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (polled.error() != null) {
            details.put("error", polled.error());
        }
        for (ConnectorStatus connector : polled.connectors()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("state", connector.state());
            if (connector.trace() != null) {
                shown.put("trace", connector.trace());
            }
            List<Map<String, Object>> tasks = new ArrayList<>();
            for (ConnectorStatus.Task task : connector.tasks()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("id", task.id());
                t.put("state", task.state());
                if (task.trace() != null) {
                    t.put("trace", task.trace());
                }
                tasks.add(t);
            }
            shown.put("tasks", tasks);
            details.put(connector.name(), shown);
        }
        return details;
    }
}
