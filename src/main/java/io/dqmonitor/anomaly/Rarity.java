package io.dqmonitor.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How often this signal has deviated at least so far: a histogram of its past deviations over log-spaced bins. The
 * detector turns the count into a return period ("about once in 20 days"), which means the same for a quiet signal
 * and a spiky one, at one value a minute or one an hour.
 * <p>
 * Large deviations are counted as episodes, not values: a run of them counts once, at its largest, when it ends (an
 * hour-long incident is one occurrence, not sixty); one the detector raised counts as half of one.
 * <p>
 * A short history cannot tell "never in two days" from "never in a year". Until its own counts say otherwise, a
 * deviation of {@code z} errors is taken to be as rare as in noise with a Laplace tail ({@code e^-z} of values, the
 * tail of noise whose mean absolute error is 1), worth {@link #PRIOR_SECONDS} of history: a huge spike on a signal's
 * third day is rare at once, while a signal whose spikes are routine soon counts them as such. Without it nothing
 * could be raised in a signal's first days, and how rare an incident looked depended on how long the signal had been
 * watched (BENCHMARKS.md).
 */
final class Rarity {

    /** How much history the tail prior is worth; chosen, like the detector's constants, on held-out NAB categories. */
    static final double PRIOR_SECONDS = 6 * 3600;
    /** A return period of one day scores 0.5. */
    private static final double RETURN_UNIT_SECONDS = 86400;
    private static final int BINS = 80;
    private static final double LOG_MIN = Math.log(0.05);
    private static final double LOG_MAX = Math.log(1e6);
    private static final double WIDTH = (LOG_MAX - LOG_MIN) / BINS;

    /**
     * A raised episode counts as half of one: the same incident again is as rare as the first was (the detector
     * counts at least half an occurrence), while one that keeps coming back becomes normal after about three raises.
     * Not counting raised episodes at all made the detector raise every recurring spike on NAB (reward-low-FP 48.3
     * instead of 58.1); counting them whole missed a smaller repeat two days later (BENCHMARKS.md).
     */
    static final double RAISED_WEIGHT = 0.5;

    private final double[] counts = new double[BINS + 1];
    private double episodeMax;
    private boolean episodeRaised;

    /** How many past deviations were at least {@code z}, counting those in its own bin half. */
    double atLeast(double z) {
        int bin = bin(z);
        double above = 0.5 * counts[bin];
        for (int i = bin + 1; i < counts.length; i++) {
            above += counts[i];
        }
        return above;
    }

    /**
     * How many seconds apart deviations of at least {@code z} come, after {@code watchedSeconds} of history at about
     * {@code secondsPerValue} a value: its own count plus the tail prior's.
     */
    double returnPeriod(double z, double watchedSeconds, double secondsPerValue) {
        double prior = PRIOR_SECONDS / secondsPerValue * Math.exp(-z);
        return (watchedSeconds + PRIOR_SECONDS) / Math.max(atLeast(z) + prior, Double.MIN_NORMAL);
    }

    /** A return period {@code T} as a score {@code T / (T + 1 day)}: 0.9 is about once in 9 days. */
    static double score(double returnPeriodSeconds) {
        return returnPeriodSeconds / (returnPeriodSeconds + RETURN_UNIT_SECONDS);
    }

    /** Learns a deviation; those of at least {@code large} are held as one episode until a smaller one comes. */
    void learn(double z, double large) {
        if (z >= large) {
            episodeMax = Math.max(episodeMax, z);
            return;
        }
        if (episodeMax > 0) {
            counts[bin(episodeMax)] += episodeRaised ? RAISED_WEIGHT : 1;
        }
        episodeMax = 0;
        episodeRaised = false;
        counts[bin(z)]++;
    }

    /** The episode under way, if any, was raised: it is not learned. */
    void raised() {
        episodeRaised = episodeMax > 0;
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
        out.writeDouble(episodeMax);
        out.writeBoolean(episodeRaised);
    }

    static Rarity readFrom(DataInput in) throws IOException {
        Rarity rarity = new Rarity();
        for (int i = 0; i < rarity.counts.length; i++) {
            rarity.counts[i] = in.readDouble();
        }
        rarity.episodeMax = in.readDouble();
        rarity.episodeRaised = in.readBoolean();
        return rarity;
    }
}
