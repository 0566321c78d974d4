package io.dqmonitor.anomaly;

import io.dqmonitor.rules.AnomalyRules.Direction;

/**
 * One learned signal of a table. A count is judged per minute on a square-root scale (Anscombe's), where Poisson
 * noise has the same spread at 2 changes a minute as at 2000; a ratio or mean is judged per pool of at least
 * {@link #POOL} contributions, because the share of 1 in 3 changes says little.
 *
 * @param name             the {@code signal} label: {@code changes_create}, {@code null_rate:email}, ...
 * @param pooled           a ratio or mean (pooled) rather than a per-minute count
 * @param defaultDirection the deviations that count unless the rules say otherwise
 */
record Signal(String name, boolean pooled, Direction defaultDirection) {

    static final int POOL = 30;

    static Signal count(String name) {
        return new Signal(name, false, Direction.BOTH);
    }

    /** A share that matters when it grows (null rate, delete share, violation ratio). */
    static Signal share(String name) {
        return new Signal(name, true, Direction.UP);
    }

    static Signal mean(String column) {
        return new Signal("mean:" + column, true, Direction.BOTH);
    }

    /** The value as the detector sees it. */
    double toModel(double value) {
        return pooled ? value : 2 * Math.sqrt(Math.max(0, value) + 0.375);
    }

    /** A detector value (expected, band edge) back on the signal's own scale. */
    double fromModel(double value) {
        if (pooled || Double.isNaN(value)) {
            return value;
        }
        double root = Math.max(0, value) / 2;
        return Math.max(0, root * root - 0.375);
    }
}
