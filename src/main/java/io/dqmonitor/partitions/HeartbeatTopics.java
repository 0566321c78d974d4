package io.dqmonitor.partitions;

/**
 * Debezium names a connector's heartbeat topic {@code <topic.heartbeat.prefix>.<topic.prefix>}
 * ({@code __debezium-heartbeat.monitoring_server}): what follows the first dot is the connector's topic prefix, the
 * name its change topics start with. A custom heartbeat prefix containing a dot does not map.
 */
public final class HeartbeatTopics {

    private HeartbeatTopics() {
    }

    /** The topic prefix of the connector whose heartbeats {@code heartbeatTopic} carries. */
    public static String connector(String heartbeatTopic) {
        return heartbeatTopic.substring(heartbeatTopic.indexOf('.') + 1);
    }
}
