package io.dqmonitor.connectors;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.dqmonitor.metrics.GaugeValue;
import io.dqmonitor.metrics.LabelledMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code cdc_connect_up{connect}}, {@code cdc_connector_state{connect,connector,state}} and
 * {@code cdc_connector_task_state{connect,connector,task,state}}: 1 for the current state, 0 for every other, so that
 * "not RUNNING" and "FAILED" are both plain comparisons. A connector no longer listed loses its series.
 */
@Component
class ConnectMetrics {

    private final LabelledMeters<GaugeValue> up;
    private final LabelledMeters<GaugeValue> connectorState;
    private final LabelledMeters<GaugeValue> taskState;

    ConnectMetrics(MeterRegistry registry) {
        up = GaugeValue.labelled(registry, "cdc.connect.up",
                "Whether the Kafka Connect worker answered its last status poll (1) or not (0)", null, 0, "connect");
        connectorState = GaugeValue.labelled(registry, "cdc.connector.state",
                "The connector's state in Kafka Connect: 1 for the current state, 0 for the others", null, 0,
                "connect", "connector", "state");
        taskState = GaugeValue.labelled(registry, "cdc.connector.task.state",
                "The state of the connector's task in Kafka Connect: 1 for the current state, 0 for the others",
                null, 0, "connect", "connector", "task", "state");
    }

    void up(String connect, boolean answered) {
        up.get(connect).set(answered ? 1 : 0);
    }

    /** The states of every connector the worker listed; those it no longer lists are removed. */
    void connectors(String connect, Collection<ConnectorStatus> connectors) {
        Set<String> listed = new java.util.HashSet<>();
        Set<List<String>> tasks = new java.util.HashSet<>();
        for (ConnectorStatus connector : connectors) {
            listed.add(connector.name());
            for (String state : ConnectorStatus.STATES) {
                connectorState.get(connect, connector.name(), state).set(state.equals(connector.state()) ? 1 : 0);
            }
            for (ConnectorStatus.Task task : connector.tasks()) {
                String id = Integer.toString(task.id());
                tasks.add(List.of(connect, connector.name(), id));
                for (String state : ConnectorStatus.STATES) {
                    taskState.get(connect, connector.name(), id, state).set(state.equals(task.state()) ? 1 : 0);
                }
            }
        }
        connectorState.removeIf(l -> l.get(0).equals(connect) && !listed.contains(l.get(1)));
        taskState.removeIf(l -> l.get(0).equals(connect) && !tasks.contains(l.subList(0, 3)));
    }
}
