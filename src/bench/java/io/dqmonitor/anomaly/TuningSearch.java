package io.dqmonitor.anomaly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the detector's constants the honest way: for each NAB category left out, the constants and the threshold
 * that score best on the other four are chosen from a grid, and the category is scored with them. Their mean is the
 * figure a change to the detector is judged by; the constants chosen on all five are printed beside it
 * ({@code -Dnab.tune=true}).
 */
final class TuningSearch {

    private TuningSearch() {
    }

    /**
     * The constants to choose from. The single value's gate stays at 6: at 3 or 4 the product's replay
     * ({@code ReplayScenarioTest}) raises a false {@code mean:amount} anomaly, a pool whose few negative amounts are
     * the skewed column's own tail (BENCHMARKS.md).
     */
    static List<Detector.Tuning> grid() {
        List<Detector.Tuning> grid = new ArrayList<>();
        for (double minRunDeviation : new double[] {2, 3, 4, 6}) {
            for (double learningBand : new double[] {2, 3, 5}) {
                for (double runSeconds : new double[] {1800, 3600}) {
                    for (double spreadFloor : new double[] {0.02, 0.05}) {
                        grid.add(new Detector.Tuning(6, minRunDeviation, learningBand, runSeconds, spreadFloor));
                    }
                }
            }
        }
        return grid;
    }

    static void report(Path data, List<Path> files, Path windowsFile) throws IOException {
        Map<Detector.Tuning, List<NabScorer.Series>> corpora = new LinkedHashMap<>();
        for (Detector.Tuning tuning : grid()) {
            Map<String, NabRun.Scored> results = new TreeMap<>();
            for (Path file : files) {
                results.put(data.relativize(file).toString().replace('\\', '/'), NabRun.run(file, tuning));
            }
            corpora.put(tuning, NabRun.corpus(results, windowsFile));
        }
        for (NabScorer.Profile profile : NabScorer.PROFILES) {
            System.out.println(describe(profile, corpora));
        }
    }

    private static String describe(NabScorer.Profile profile, Map<Detector.Tuning, List<NabScorer.Series>> corpora) {
        List<NabScorer.Series> any = corpora.values().iterator().next();
        List<String> categories = any.stream().map(TuningSearch::category).distinct().sorted().toList();
        StringBuilder line = new StringBuilder();
        double sum = 0;
        int counted = 0;
        for (String category : categories) {
            Detector.Tuning chosen = null;
            double chosenThreshold = 1.1;
            double best = Double.NEGATIVE_INFINITY;
            for (Map.Entry<Detector.Tuning, List<NabScorer.Series>> corpus : corpora.entrySet()) {
                List<NabScorer.Series> train = corpus.getValue().stream()
                        .filter(s -> !category(s).equals(category)).toList();
                NabScorer.Result result = new NabScorer(labels(train)).score(train, profile);
                if (result.normalised() > best) {
                    best = result.normalised();
                    chosen = corpus.getKey();
                    chosenThreshold = result.threshold();
                }
            }
            List<NabScorer.Series> test = corpora.get(chosen).stream().filter(s -> category(s).equals(category))
                    .toList();
            double figure = new NabScorer(labels(test)).scoreAt(test, profile, chosenThreshold).normalised();
            if (!Double.isNaN(figure)) {
                sum += figure;
                counted++;
                line.append(String.format("%n  %-22s %5.1f with %s (%.1f on the others)", category, figure, chosen,
                        best));
            }
        }
        Detector.Tuning whole = null;
        double wholeBest = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Detector.Tuning, List<NabScorer.Series>> corpus : corpora.entrySet()) {
            double figure = new NabScorer(labels(corpus.getValue())).score(corpus.getValue(), profile).normalised();
            if (figure > wholeBest) {
                wholeBest = figure;
                whole = corpus.getKey();
            }
        }
        return String.format("NAB tuned held-out %-19s %5.1f (constants and threshold chosen without the category)%s"
                + "%n  best on the whole corpus: %.1f with %s", profile.name(), sum / counted, line, wholeBest, whole);
    }

    private static int labels(List<NabScorer.Series> series) {
        return series.stream().mapToInt(s -> s.windows().size()).sum();
    }

    private static String category(NabScorer.Series series) {
        return series.name().substring(0, series.name().indexOf('/'));
    }
}
