package io.dqmonitor.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How often this signal has deviated at least so far: a histogram of its past deviations over log-spaced bins. The
 * detector turns the count into a return period ("about once in 20 days"), which means the same for a quiet signal
 * and a spiky one, at one value a minute or one an hour.
 */
final class Rarity {

    private static final int BINS = 80;
    private static final double LOG_MIN = Math.log(0.05);
    private static final double LOG_MAX = Math.log(1e6);
    private static final double WIDTH = (LOG_MAX - LOG_MIN) / BINS;

    private final double[] counts = new double[BINS + 1];

    /** How many past deviations were at least {@code z}, counting those in its own bin half. */
    double atLeast(double z) {
        int bin = bin(z);
        double above = 0.5 * counts[bin];
        for (int i = bin + 1; i < counts.length; i++) {
            above += counts[i];
        }
        return above;
    }

    void learn(double z) {
        counts[bin(z)]++;
    }

    private static int bin(double z) {
        if (!(z > 0.05)) {
            return 0;
        }
        return (int) Math.min(BINS, 1 + Math.floor((Math.log(z) - LOG_MIN) / WIDTH));
    }

    void writeTo(DataOutput out) throws IOException {
        for (double count : counts) {
            out.writeDouble(count);
        }
    }

    static Rarity readFrom(DataInput in) throws IOException {
        Rarity rarity = new Rarity();
        for (int i = 0; i < rarity.counts.length; i++) {
            rarity.counts[i] = in.readDouble();
        }
        return rarity;
    }
}
