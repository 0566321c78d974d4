package io.dqmonitor.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The Numenta Anomaly Benchmark's scoring (Lavin &amp; Ahmad 2015; Ahmad et al. 2017), written from the papers: a
 * detection inside a labelled window earns a sigmoid of how early it came, only a window's first detection counts, a
 * window without one costs a false negative, a detection outside every window costs a false positive (less the
 * nearer it follows a window). The first 15% of each series (at most 750 rows) is probation and not scored. One
 * threshold per profile is chosen over the whole corpus; the total is normalised so that the null detector scores 0
 * and a perfect one 100.
 */
final class NabScorer {

    /** An application profile: how much a true positive, a false positive and a missed window weigh. */
    record Profile(String name, double tpWeight, double fpWeight, double fnWeight) { }

    static final List<Profile> PROFILES = List.of(
            new Profile("standard", 1.0, 0.11, 1.0),
            new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0),
            new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0));

    /** Rows {@code first..last} (inclusive) of a series form one labelled window. */
    record Window(int first, int last) { }

    /** One detector's output for one series: its anomaly score per row and the series' windows, in time order. */
    record Series(String name, double[] scores, List<Window> windows) { }

    /** A profile's best threshold over the corpus, its raw total and the normalised score. */
    record Result(Profile profile, double threshold, double raw, double normalised) { }

    private static final double PROBATION_SHARE = 0.15;
    private static final double MAX_TP = scaledSigmoid(-1.0);

    private final int labelCount;

    /** {@code labelCount}: the labelled anomalies a perfect detector finds, one per window (NAB's "perfect"). */
    NabScorer(int labelCount) {
        this.labelCount = labelCount;
    }

    Result score(List<Series> corpus, Profile profile) {
        Best best = sweep(corpus, profile, false);
        Best none = sweep(corpus, profile, true);
        double perfect = labelCount * profile.tpWeight();
        double normalised = 100 * (best.raw - none.raw) / (perfect - none.raw);
        return new Result(profile, best.threshold, best.raw, normalised);
    }

    /**
     * The profile's figures at a threshold chosen elsewhere (on other series): what a detector tuned there scores here.
     * A corpus without windows has no perfect score to normalise by; its normalised figure is NaN.
     */
    Result scoreAt(List<Series> corpus, Profile profile, double threshold) {
        double raw = rawAt(corpus, profile, threshold);
        double none = sweep(corpus, profile, true).raw;
        double perfect = labelCount * profile.tpWeight();
        double normalised = perfect == none ? Double.NaN : 100 * (raw - none) / (perfect - none);
        return new Result(profile, threshold, raw, normalised);
    }

    /** Every row scored at least {@code threshold} detects; windows whose rows are all on probation do not count. */
    private static double rawAt(List<Series> corpus, Profile profile, double threshold) {
        List<Point> points = new ArrayList<>();
        int windowCount = 0;
        for (Series series : corpus) {
            windowCount = points(series, profile, windowCount, false, points);
        }
        double[] windowScores = new double[windowCount];
        Arrays.fill(windowScores, Double.NaN);
        double fp = 0;
        for (Point point : points) {
            boolean detects = point.score >= threshold;
            if (point.window < 0) {
                fp += detects ? point.sweepScore : 0;
            } else if (Double.isNaN(windowScores[point.window])) {
                windowScores[point.window] = detects ? point.sweepScore : -profile.fnWeight();
            } else if (detects) {
                windowScores[point.window] = Math.max(windowScores[point.window], point.sweepScore);
            }
        }
        double total = fp;
        for (double windowScore : windowScores) {
            total += Double.isNaN(windowScore) ? 0 : windowScore;
        }
        return total;
    }

    /** The raw total at the best threshold; {@code constant} scores every row 0.5, as NAB's null detector does. */
    private static Best sweep(List<Series> corpus, Profile profile, boolean constant) {
        List<Point> points = new ArrayList<>();
        int windowCount = 0;
        for (Series series : corpus) {
            windowCount = points(series, profile, windowCount, constant, points);
        }
        points.sort(Comparator.comparingDouble(Point::score).reversed());
        double[] windowScores = new double[windowCount];
        Arrays.fill(windowScores, -profile.fnWeight());
        double windowTotal = 0;
        boolean[] scorable = new boolean[windowCount];
        for (Point point : points) {
            if (point.window >= 0 && !scorable[point.window]) {
                scorable[point.window] = true;
                windowTotal -= profile.fnWeight();
            }
        }
        double fp = 0;
        Best best = new Best(1.1, windowTotal);
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            if (point.window < 0) {
                fp += point.sweepScore;
            } else if (point.sweepScore > windowScores[point.window]) {
                windowTotal += point.sweepScore - windowScores[point.window];
                windowScores[point.window] = point.sweepScore;
            }
            boolean lastOfThreshold = i + 1 == points.size() || points.get(i + 1).score != point.score;
            if (lastOfThreshold && fp + windowTotal > best.raw) {
                best = new Best(point.score, fp + windowTotal);
            }
        }
        return best;
    }

    /** Adds the scorable rows of one series; returns the next free window number. */
    private static int points(Series series, Profile profile, int firstWindow, boolean constant, List<Point> out) {
        int rows = series.scores().length;
        double probation = Math.min(Math.floor(PROBATION_SHARE * rows), PROBATION_SHARE * 5000);
        List<Window> windows = series.windows();
        int next = 0;
        int previousLast = -1;
        int previousWidth = 0;
        for (int i = 0; i < rows; i++) {
            Window current = next < windows.size() && windows.get(next).first() <= i ? windows.get(next) : null;
            double sweepScore;
            int window = -1;
            if (current != null) {
                double width = current.last() - current.first() + 1;
                sweepScore = scaledSigmoid(-(current.last() - i + 1) / width) * profile.tpWeight() / MAX_TP;
                window = firstWindow + next;
            } else {
                double unweighted = previousLast < 0 ? -1.0
                        : scaledSigmoid(Math.abs(previousLast - i) / (double) (previousWidth - 1));
                sweepScore = unweighted * profile.fpWeight();
            }
            if (i >= probation) {
                out.add(new Point(constant ? 0.5 : series.scores()[i], sweepScore, window));
            }
            if (current != null && i == current.last()) {
                previousLast = i;
                previousWidth = current.last() - current.first() + 1;
                next++;
            }
        }
        return firstWindow + windows.size();
    }

    /** Per series at one threshold: detections outside windows after probation, and the windows detected. */
    static String detail(Series series, double threshold) {
        int rows = series.scores().length;
        double probation = Math.min(Math.floor(PROBATION_SHARE * rows), PROBATION_SHARE * 5000);
        int falsePositives = 0;
        StringBuilder hits = new StringBuilder();
        for (int i = (int) probation; i < rows; i++) {
            final int row = i;
            boolean inWindow = series.windows().stream().anyMatch(w -> w.first() <= row && row <= w.last());
            if (!inWindow && series.scores()[i] >= threshold) {
                falsePositives++;
            }
        }
        for (Window window : series.windows()) {
            int first = -1;
            for (int i = Math.max(window.first(), (int) probation); i <= window.last() && first < 0; i++) {
                if (series.scores()[i] >= threshold) {
                    first = i;
                }
            }
            hits.append(first < 0 ? " miss" : String.format(" %.2f", (first - window.first())
                    / (double) (window.last() - window.first() + 1)));
        }
        return String.format("%-55s fp %4d  windows%s", series.name(), falsePositives, hits);
    }

    static double scaledSigmoid(double relativePosition) {
        return relativePosition > 3.0 ? -1.0 : 2 / (1 + Math.exp(5 * relativePosition)) - 1.0;
    }

    private record Point(double score, double sweepScore, int window) { }

    private record Best(double threshold, double raw) { }
}
