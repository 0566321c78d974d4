package io.dqmonitor.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Whether a time from the source (a commit time, a heartbeat) can be taken as the newest: not when it is more than
 * {@code dq.cdc.max-clock-skew} ahead of this host's clock. A source whose clock runs ahead, or a producer that writes
 * made-up times, would otherwise hold every maximum there: a heartbeat dated next year keeps the stalled-pipeline
 * alert quiet, a change dated next year makes every real change after it look older. Times in the past are a backlog
 * and stay as they are.
 */
@Component
class SourceClock {

    private final Clock clock;
    private final Duration tolerance;

    SourceClock(CdcProperties properties, Clock clock) {
        this.clock = clock;
        this.tolerance = properties.maxClockSkew();
    }

    boolean isAhead(Instant time) {
        return time != null && time.isAfter(clock.instant().plus(tolerance));
    }

    /**
     * The connector of a change topic, its topic prefix ({@code monitoring_server.public.t}: {@code
     * monitoring_server}): the first dot-separated part, as the shipped connectors' prefixes have no dot.
     */
    static String connector(String topic) {
        int dot = topic.indexOf('.');
        return dot < 0 ? topic : topic.substring(0, dot);
    }
}
