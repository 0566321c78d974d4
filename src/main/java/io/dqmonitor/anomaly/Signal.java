package io.dqmonitor.anomaly;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dqmonitor.rules.AnomalyRules.Direction;

/**
 * One learned signal of a table. A count is judged per minute on a square-root scale (Anscombe's), where Poisson
 * noise has the same spread at 2 changes a minute as at 2000; a ratio or mean is judged per pool of at least
 * {@link #POOL} contributions, because the share of 1 in 3 changes says little.
 *
 * @param name             the {@code signal} label: {@code changes_create}, {@code null_rate:email}, ...
 * @param pooled           a ratio or mean (pooled) rather than a per-minute count
 * @param share            a share of changes (0 to 1), rather than a mean of a column's values
 * @param defaultDirection the deviations that count unless the rules say otherwise
 */
record Signal(String name, boolean pooled, boolean share, Direction defaultDirection) {

    static final int POOL = 30;
    /** The mean absolute deviation of a unit normal: the transforms below give counts and shares unit-scale noise. */
    private static final double MEAN_ABSOLUTE_DEVIATION = Math.sqrt(2 / Math.PI);

    static Signal count(String name) {
        return new Signal(name, false, false, Direction.BOTH);
    }

    /** A share that matters when it grows (null rate, delete share, violation ratio). */
    static Signal share(String name) {
        return new Signal(name, true, true, Direction.UP);
    }

    static Signal mean(String column) {
        return new Signal(meanName(column), true, false, Direction.BOTH);
    }

    // every change counts its columns under these names: built once per column, not once per change. The columns are
    // those of the rules, so the maps stay small
    private static final Map<String, String> MEAN_NAMES = new ConcurrentHashMap<>();
    private static final Map<String, String> NULL_RATE_NAMES = new ConcurrentHashMap<>();

    /** {@code mean:<column>}, the name of the mean of a column's values. */
    static String meanName(String column) {
        return MEAN_NAMES.computeIfAbsent(column, c -> "mean:" + c);
    }

    /** {@code null_rate:<column>}, the name of the share of changes that leave a column null. */
    static String nullRateName(String column) {
        return NULL_RATE_NAMES.computeIfAbsent(column, c -> "null_rate:" + c);
    }

    /** A pooled signal by its name: {@code mean:<column>} a mean, any other a share. */
    static Signal pooled(String name) {
        return name.startsWith("mean:") ? mean(name.substring("mean:".length())) : share(name);
    }

    /**
     * The value as the detector sees it. A share of {@code size} changes is judged by the angle of its square root
     * (the binomial's arcsine transform), on which its noise is the same at 2% as at 50%.
     */
    double toModel(double value, long size) {
        if (!pooled) {
            return 2 * Math.sqrt(Math.max(0, value) + 0.375);
        }
        return share ? Math.asin(Math.sqrt((value * size + 0.375) / (size + 0.75))) : value;
    }

    /**
     * The noise a value of {@code size} contributions carries by its nature, in the detector's units (as a mean
     * absolute deviation): a count's or a share's deviations smaller than this mean nothing however quiet the signal
     * has been. Unknown (0) for a mean.
     */
    double noise(long size) {
        if (!pooled) {
            return MEAN_ABSOLUTE_DEVIATION;
        }
        return share ? MEAN_ABSOLUTE_DEVIATION / (2 * Math.sqrt(Math.max(1, size))) : 0;
    }

    /** A detector value (expected, band edge) back on the signal's own scale, for a window of {@code size}. */
    double fromModel(double value, long size) {
        if (Double.isNaN(value)) {
            return value;
        }
        if (!pooled) {
            double root = Math.max(0, value) / 2;
            return Math.max(0, root * root - 0.375);
        }
        if (!share) {
            return value;
        }
        double sine = Math.sin(Math.max(0, Math.min(Math.PI / 2, value)));
        return Math.max(0, Math.min(1, (sine * sine * (size + 0.75) - 0.375) / Math.max(1, size)));
    }
}
