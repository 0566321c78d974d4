package io.dqmonitor.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.dqmonitor.rules.AnomalyRules;

/**
 * One candidate explanation of a signal: a level plus an offset per season bucket (none, half hour of the day or half
 * hour of the week), Holt-Winters style without a trend. Values are clamped to its band before it learns them, so an
 * incident moves it only a little and a repeat still stands out.
 */
final class SeasonalModel {

    static final long BUCKET_SECONDS = 1800;
    private static final double LEVEL_SECONDS_FLAT = 1800;
    private static final double LEVEL_SECONDS_SEASONAL = 6 * 3600;
    /** A bucket's offset remembers about this many of its own past seasons. */
    private static final double SEASONS_REMEMBERED = 3;
    private static final double ERROR_SECONDS = 86400;
    /** Which model predicts is decided on the last hours' errors: Saturday's first hours must not be Friday's. */
    private static final double RECENT_ERROR_SECONDS = 3600;

    private final int buckets;
    private final double[] offsets;
    private final long[] visits;
    private double level = Double.NaN;
    private double error = Double.NaN;
    private double recentError = Double.NaN;
    private long seen;

    SeasonalModel(int buckets) {
        this.buckets = buckets;
        this.offsets = new double[buckets];
        this.visits = new long[buckets];
    }

    private int bucket(long epochSecond) {
        return (int) Math.floorMod(epochSecond / BUCKET_SECONDS, (long) buckets);
    }

    /** Whether it can predict this time: it has a level and has seen this bucket before. */
    boolean knows(long epochSecond) {
        return !Double.isNaN(level) && !Double.isNaN(error) && visits[bucket(epochSecond)] > 0;
    }

    double expected(long epochSecond) {
        return level + offsets[bucket(epochSecond)];
    }

    /** The mean absolute error of its predictions of the last day or so, NaN until it has made one. */
    double error() {
        return error;
    }

    /** Likewise over the last hour or so: the model with the smallest predicts. */
    double recentError() {
        return recentError;
    }

    int buckets() {
        return buckets;
    }

    long seen() {
        return seen;
    }

    /** Learns {@code value}, already clamped to this model's band, observed {@code elapsed} seconds after the last. */
    void learn(long epochSecond, double value, double elapsed) {
        int bucket = bucket(epochSecond);
        seen++;
        if (Double.isNaN(level)) {
            level = value;
        } else if (visits[bucket] == 0) {
            offsets[bucket] = value - level;
        } else {
            double absError = Math.abs(value - expected(epochSecond));
            error = Double.isNaN(error) ? absError
                    : error + Math.max(rate(elapsed, ERROR_SECONDS), 1.0 / seen) * (absError - error);
            recentError = Double.isNaN(recentError) ? absError
                    : recentError + Math.max(rate(elapsed, RECENT_ERROR_SECONDS), 1.0 / seen) * (absError - recentError);
            level += rate(elapsed, buckets == 1 ? LEVEL_SECONDS_FLAT : LEVEL_SECONDS_SEASONAL)
                    * (value - offsets[bucket] - level);
            if (buckets > 1) {
                // a new bucket's offset is the mean of its values so far, not its first value
                offsets[bucket] += Math.max(rate(elapsed, BUCKET_SECONDS * SEASONS_REMEMBERED),
                        1.0 / (visits[bucket] + 1)) * (value - level - offsets[bucket]);
            }
        }
        visits[bucket]++;
    }

    static double rate(double elapsed, double memorySeconds) {
        return 1 - Math.exp(-elapsed / memorySeconds);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(buckets);
        out.writeDouble(level);
        out.writeDouble(error);
        out.writeDouble(recentError);
        out.writeLong(seen);
        for (int i = 0; i < buckets; i++) {
            out.writeDouble(offsets[i]);
            out.writeLong(visits[i]);
        }
    }

    static SeasonalModel readFrom(DataInput in) throws IOException {
        SeasonalModel model = new SeasonalModel(in.readInt());
        model.level = in.readDouble();
        model.error = in.readDouble();
        model.recentError = in.readDouble();
        model.seen = in.readLong();
        for (int i = 0; i < model.buckets; i++) {
            model.offsets[i] = in.readDouble();
            model.visits[i] = in.readLong();
        }
        return model;
    }

    /** The models that compete under a seasonality setting: one per season it allows. */
    static SeasonalModel[] competing(AnomalyRules.Seasonality seasonality) {
        int day = (int) (86400 / SeasonalModel.BUCKET_SECONDS);
        return switch (seasonality) {
            case AUTO -> new SeasonalModel[] {new SeasonalModel(1), new SeasonalModel(day), new SeasonalModel(7 * day)};
            case NONE -> new SeasonalModel[] {new SeasonalModel(1)};
            case DAILY -> new SeasonalModel[] {new SeasonalModel(day)};
            case WEEKLY -> new SeasonalModel[] {new SeasonalModel(7 * day)};
        };
    }

    /** The model with the smallest recent error that knows the time, null while none does. */
    static SeasonalModel best(SeasonalModel[] models, long epochSecond) {
        SeasonalModel best = null;
        for (SeasonalModel model : models) {
            if (model.knows(epochSecond) && model.seen() > 10
                    && (best == null || model.recentError() < best.recentError())) {
                best = model;
            }
        }
        // until a model has seen enough to compete, the first one predicts: an expected value and band to show
        // from the third window on (nothing is raised during the warm-up anyway)
        return best != null || !models[0].knows(epochSecond) ? best : models[0];
    }
}
