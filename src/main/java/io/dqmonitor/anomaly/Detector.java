package io.dqmonitor.anomaly;

/**
 * Learns one signal's normal online and judges each new value against it, in the value's own time (the source commit
 * time). Three seasonal models compete (no season, day, week); the one with the smallest recent error predicts. A
 * value's deviation is measured two ways, on its own and as the recent run of deviations (a shift too small to notice
 * in one value adds up over an hour), each in units of the model's error; the score is how rarely this signal has
 * deviated that far before, as a return period. Tuned once on the Numenta Anomaly Benchmark (BENCHMARKS.md).
 */
final class Detector {

    /** What it has learned: its models, its two rarities, its times and its running figures. */
    record Learned(SeasonalModel[] models, Rarity single, Rarity run, long[] times, double[] values) {
    }

    /**
     * The detector's own constants; the NAB benchmark varies them to choose them on some categories and judge them on
     * the rest (BENCHMARKS.md).
     *
     * @param minDeviation    a value's deviation under this many errors never counts, however rare history makes it
     * @param minRunDeviation likewise for the run of deviations, in units of the run's own noise
     * @param learningBand    models learn a value clamped to this many errors, so an incident is not the new normal
     * @param runSeconds      the memory of the run of deviations (a small shift adds up over it)
     * @param spreadFloor     the error never counts as smaller than this share of the signal's overall spread
     */
    record Tuning(double minDeviation, double minRunDeviation, double learningBand, double runSeconds,
                  double spreadFloor) {

        static final Tuning DEFAULTS = new Tuning(6, 2, 3, 3600, 0.05);
    }

    private static final double RUN_CLAMP = 3;
    private static final double SPREAD_SECONDS = 7 * 86400;
    private static final long RARITY_AFTER_SECONDS = 43200;
    private static final int MIN_OBSERVATIONS = 30;

    private final DetectorSettings settings;
    private final Tuning tuning;
    private final SeasonalModel[] models;
    private final Rarity single;
    private final Rarity run;
    private long first = Long.MIN_VALUE;
    private long last = Long.MIN_VALUE;
    private long rarityStart = Long.MIN_VALUE;
    private long lastRaised = Long.MIN_VALUE;
    private long seen;
    private double mean;
    private double spread;
    private double runMean;
    /** The variance of {@link #runMean} for deviations of unit variance: values come at uneven intervals. */
    private double runVariance = 1;

    Detector(DetectorSettings settings) {
        this(settings, Tuning.DEFAULTS);
    }

    Detector(DetectorSettings settings, Tuning tuning) {
        this(settings, tuning, SeasonalModel.competing(settings.seasonality()), new Rarity(), new Rarity());
    }

    private Detector(DetectorSettings settings, Tuning tuning, SeasonalModel[] models, Rarity single, Rarity run) {
        this.settings = settings;
        this.tuning = tuning;
        this.models = models;
        this.single = single;
        this.run = run;
    }

    /** Judges {@code value}, observed at {@code epochSecond} (never earlier than the previous one), then learns it. */
    Assessment observe(long epochSecond, double value) {
        return observe(epochSecond, value, 0);
    }

    /**
     * Likewise for a value whose own noise is known: its deviations are measured in units of at least {@code noise},
     * however quiet the signal has been (a table with a delete an hour must not make a single delete rare).
     */
    Assessment observe(long epochSecond, double value, double noise) {
        if (first == Long.MIN_VALUE) {
            first = epochSecond;
        }
        double elapsed = last == Long.MIN_VALUE ? 0 : Math.max(0, epochSecond - last);
        SeasonalModel best = SeasonalModel.best(models, epochSecond);
        Assessment assessment = best == null ? new Assessment(0, Double.NaN, Double.NaN, Double.NaN, false,
                progress(epochSecond)) : judge(epochSecond, value, noise, elapsed, best);
        if (lastRaised != Long.MIN_VALUE && epochSecond - lastRaised < settings.rearm().toSeconds()
                && !(value >= assessment.lower() && value <= assessment.upper())) {
            // what it flags it does not learn, until the re-arm time has passed: a shift that lasts longer than that
            // is the new normal
            last = epochSecond;
            return assessment;
        }
        for (SeasonalModel model : models) {
            model.learn(epochSecond, clamped(model, epochSecond, value, noise), elapsed);
        }
        double spreadRate = Math.max(SeasonalModel.rate(elapsed, SPREAD_SECONDS), 1.0 / (seen + 1));
        mean = seen == 0 ? value : mean;
        spread += spreadRate * (Math.abs(value - mean) - spread);
        mean += spreadRate * (value - mean);
        last = epochSecond;
        seen++;
        return assessment;
    }

    private Assessment judge(long epochSecond, double value, double noise, double elapsed, SeasonalModel best) {
        double expected = best.expected(epochSecond);
        double scale = scale(best, expected, noise);
        double floor = Math.max(settings.minChange(), settings.minRelativeChange() * Math.abs(expected));
        double deviation = directed(value - expected);
        double runRate = Math.max(SeasonalModel.rate(elapsed, tuning.runSeconds()), 1e-3);
        runMean += runRate * (Math.max(-RUN_CLAMP, Math.min(RUN_CLAMP, (value - expected) / scale)) - runMean);
        runVariance = (1 - runRate) * (1 - runRate) * runVariance + runRate * runRate;
        double z = Math.abs(deviation) <= floor ? 0 : Math.abs(deviation) / scale;
        double runZ = Math.abs(directed(runMean)) * scale <= floor ? 0
                : Math.abs(directed(runMean)) / Math.sqrt(runVariance);
        double score = Math.max(score(single, z, tuning.minDeviation(), epochSecond),
                score(run, runZ, tuning.minRunDeviation(), epochSecond));
        if (epochSecond - first >= RARITY_AFTER_SECONDS) {
            rarityStart = rarityStart == Long.MIN_VALUE ? epochSecond : rarityStart;
            single.learn(z, tuning.minDeviation());
            run.learn(runZ, tuning.minRunDeviation());
        }
        double progress = progress(epochSecond);
        boolean raised = false;
        if (progress < 1) {
            score = 0;
        } else if (score >= settings.sensitivity()) {
            if (lastRaised != Long.MIN_VALUE && epochSecond - lastRaised < settings.rearm().toSeconds()) {
                score = Math.min(score, settings.sensitivity()) * 0.9;
            } else {
                lastRaised = epochSecond;
                raised = true;
                single.raised();
                run.raised();
            }
        }
        double half = Math.max(tuning.minDeviation() * scale, floor);
        return new Assessment(score, expected, expected - half, expected + half, raised, progress);
    }

    private double score(Rarity rarity, double z, double gate, long epochSecond) {
        if (z < gate || rarityStart == Long.MIN_VALUE) {
            return 0;
        }
        double secondsPerValue = Math.max(1, (epochSecond - first) / (double) Math.max(1, seen));
        return Rarity.score(rarity.returnPeriod(z, Math.max(1, epochSecond - rarityStart), secondsPerValue));
    }

    private double directed(double deviation) {
        return switch (settings.direction()) {
            case BOTH -> deviation;
            case UP -> Math.max(0, deviation);
            case DOWN -> Math.min(0, deviation);
        };
    }

    private double progress(long epochSecond) {
        double byTime = (epochSecond - first) / (double) Math.max(1, settings.warmUp().toSeconds());
        return Math.min(1, Math.min(byTime, seen / (double) MIN_OBSERVATIONS));
    }

    private double clamped(SeasonalModel model, long epochSecond, double value, double noise) {
        if (!model.knows(epochSecond)) {
            return value;
        }
        double expected = model.expected(epochSecond);
        double limit = tuning.learningBand() * scale(model, expected, noise);
        return Math.max(expected - limit, Math.min(expected + limit, value));
    }

    private double scale(SeasonalModel model, double expected, double noise) {
        double floor = Math.max(tuning.spreadFloor() * spread, 1e-3 * Math.max(Math.abs(expected), Math.abs(mean)));
        return Math.max(model.error(), Math.max(Math.max(floor, noise), 1e-9));
    }

    /** Its learned state, to store and restore; the settings are not part of it (they come from the rules). */
    byte[] state() {
        return DetectorState.write(new Learned(models, single, run, new long[] {first, last, rarityStart, lastRaised,
                seen}, new double[] {mean, spread, runMean, runVariance}));
    }

    /** A detector with the given settings and a stored state, or a new one if the state was learned otherwise. */
    static Detector restore(DetectorSettings settings, byte[] state) {
        Detector fresh = new Detector(settings);
        return DetectorState.read(state, fresh.models).map(learned -> new Detector(settings, learned)).orElse(fresh);
    }

    private Detector(DetectorSettings settings, Learned learned) {
        this(settings, Tuning.DEFAULTS, learned.models(), learned.single(), learned.run());
        first = learned.times()[0];
        last = learned.times()[1];
        rarityStart = learned.times()[2];
        lastRaised = learned.times()[3];
        seen = learned.times()[4];
        mean = learned.values()[0];
        spread = learned.values()[1];
        runMean = learned.values()[2];
        runVariance = learned.values()[3];
    }
}
