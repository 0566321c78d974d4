package io.dqmonitor.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Leave one category out: for each category of the corpus, the threshold (the one setting the benchmark tunes) is
 * chosen on the other categories and the category is scored at it, as NAB scores a corpus. The mean of those held-out
 * figures says how the detector does on data it was not tuned on; the whole-corpus figure, tuned on everything, says
 * how well it fits. A category without windows (artificialNoAnomaly) has no normalised figure of its own: its false
 * positives count in the cross-validated figure, which scores every series at the threshold of its own fold.
 */
final class HeldOut {

    /** One profile's held-out figures: per category, their mean, and the whole corpus at each fold's threshold. */
    record Figures(NabScorer.Profile profile, Map<String, Double> byCategory, double mean, double crossValidated) {
    }

    private HeldOut() {
    }

    static Figures score(List<NabScorer.Series> corpus, NabScorer.Profile profile) {
        Map<String, List<NabScorer.Series>> categories = new TreeMap<>();
        corpus.forEach(s -> categories.computeIfAbsent(category(s), c -> new ArrayList<>()).add(s));
        Map<String, Double> byCategory = new TreeMap<>();
        List<NabScorer.Series> atFoldThresholds = new ArrayList<>();
        double sum = 0;
        int counted = 0;
        for (Map.Entry<String, List<NabScorer.Series>> category : categories.entrySet()) {
            List<NabScorer.Series> train = corpus.stream().filter(s -> !category(s).equals(category.getKey())).toList();
            double threshold = new NabScorer(labels(train)).score(train, profile).threshold();
            List<NabScorer.Series> test = category.getValue();
            double figure = new NabScorer(labels(test)).scoreAt(test, profile, threshold).normalised();
            byCategory.put(category.getKey(), figure);
            if (!Double.isNaN(figure)) {
                sum += figure;
                counted++;
            }
            test.forEach(series -> atFoldThresholds.add(detections(series, threshold)));
        }
        double crossValidated = new NabScorer(labels(corpus)).scoreAt(atFoldThresholds, profile, 1.0).normalised();
        return new Figures(profile, byCategory, sum / counted, crossValidated);
    }

    /** The series as its fold's threshold sees it: 1 where it detects, 0 elsewhere. */
    private static NabScorer.Series detections(NabScorer.Series series, double threshold) {
        double[] detected = new double[series.scores().length];
        for (int i = 0; i < detected.length; i++) {
            detected[i] = series.scores()[i] >= threshold ? 1 : 0;
        }
        return new NabScorer.Series(series.name(), detected, series.windows());
    }

    private static int labels(List<NabScorer.Series> series) {
        return series.stream().mapToInt(s -> s.windows().size()).sum();
    }

    private static String category(NabScorer.Series series) {
        int slash = series.name().indexOf('/');
        return slash < 0 ? "" : series.name().substring(0, slash);
    }

    static String describe(Figures figures) {
        StringBuilder line = new StringBuilder(String.format("NAB held-out %-19s %6.1f  (mean of", figures.profile().name(),
                figures.mean()));
        figures.byCategory().forEach((category, figure) -> line.append(Double.isNaN(figure) ? ""
                : String.format(" %s %.1f", category, figure)));
        return line.append(String.format("; every series at its fold's threshold %.1f)", figures.crossValidated()))
                .toString();
    }
}
