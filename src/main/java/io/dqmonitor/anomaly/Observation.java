package io.dqmonitor.anomaly;

import java.time.Instant;

/**
 * One closed window of one table's signal: the value the detector judges.
 *
 * @param size the changes the value is made of: a minute's count, or how many changes a share or mean pools
 */
record Observation(String table, Signal signal, Instant windowStart, Instant windowEnd, double value, long size) {

    double modelValue() {
        return signal.toModel(value, size);
    }

    double noise() {
        return signal.noise(size);
    }

    /** A detector value (expected, band edge) on this window's own scale. */
    double fromModel(double modelValue) {
        return signal.fromModel(modelValue, size);
    }
}
