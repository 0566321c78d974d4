package io.dqmonitor.anomaly;

import java.time.Instant;

/** One closed window of one table's signal: the value the detector judges. */
record Observation(String table, Signal signal, Instant windowStart, Instant windowEnd, double value) {
}
