package io.dqmonitor.anomaly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the service's anomaly detector over the Numenta Anomaly Benchmark: every {@code <data>/<category>/<name>.csv}
 * ({@code timestamp,value}), one value per timestamp, in order, with no look-ahead and no labels. Writes
 * {@code <out>/<category>/<name>.csv} ({@code timestamp,value,anomaly_score}) and, given NAB's windows file, scores
 * the results as NAB does and prints the three profiles' scores.
 *
 * <p>{@code ./mvnw -Pbench -DskipTests test-compile exec:exec@nab -Dnab.data=<dir> -Dnab.out=<dir>
 * [-Dnab.windows=<combined_windows.json>]}; with {@code -Dnab.scored=<dir>} it scores another detector's results
 * (the same layout) instead of running this one.
 */
public final class NabRun {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
    /**
     * The share of each series left out at its start ({@code -Dnab.skip}, default 0): its anomalies then come sooner
     * after the detector first sees it, as on a short series; windows that end before the new start are dropped.
     */
    private static final double SKIP = Double.parseDouble(System.getProperty("nab.skip", "0"));

    private NabRun() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(System.getProperty("nab.data", "../shared/nab/data"));
        String out = System.getProperty("nab.out", "");
        String windowsFile = System.getProperty("nab.windows", "");
        String scored = System.getProperty("nab.scored", "");
        Map<String, Scored> results = new TreeMap<>();
        long started = System.nanoTime();
        long values = 0;
        for (Path file : csvFiles(data)) {
            String name = data.relativize(file).toString().replace('\\', '/');
            Scored result = scored.isEmpty() ? run(file) : read(Path.of(scored).resolve(name));
            values += result.times.length;
            results.put(name, result);
            if (!out.isEmpty()) {
                write(Path.of(out).resolve(name), result);
            }
        }
        System.out.printf("NAB: %d series, %d values, detector ran in %.1f s%n", results.size(), values,
                (System.nanoTime() - started) / 1e9);
        if (!windowsFile.isEmpty()) {
            score(results, Path.of(windowsFile));
        }
        if (Boolean.getBoolean("nab.tune") && !windowsFile.isEmpty()) {
            TuningSearch.report(data, csvFiles(data), Path.of(windowsFile));
        }
    }

    static List<Path> csvFiles(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data, 2)) {
            return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }

    /** One series' rows and the detector's score for each. */
    record Scored(String[] times, String[] values, double[] scores) { }

    static Scored run(Path file) throws IOException {
        return run(file, Detector.Tuning.DEFAULTS);
    }

    /** The series scored by a detector with other constants than the service's. */
    static Scored run(Path file, Detector.Tuning tuning) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int skip = (int) ((lines.size() - 1) * SKIP);
        int rows = lines.size() - 1 - skip;
        String[] times = new String[rows];
        String[] values = new String[rows];
        double[] scores = new double[rows];
        Detector detector = new Detector(DetectorSettings.DEFAULTS, tuning);
        for (int i = 0; i < rows; i++) {
            String line = lines.get(i + 1 + skip);
            int comma = line.indexOf(',');
            times[i] = line.substring(0, comma);
            values[i] = line.substring(comma + 1);
            scores[i] = detector.observe(epochSecond(times[i]), Double.parseDouble(values[i])).score();
        }
        return new Scored(times, values, scores);
    }

    /** Another detector's results in NAB's layout ({@code timestamp,value,anomaly_score}), to score them alike. */
    static Scored read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int rows = lines.size() - 1;
        Scored scored = new Scored(new String[rows], new String[rows], new double[rows]);
        for (int i = 0; i < rows; i++) {
            String[] columns = lines.get(i + 1).split(",");
            scored.times[i] = columns[0];
            scored.values[i] = columns[1];
            scored.scores[i] = Double.parseDouble(columns[2]);
        }
        return scored;
    }

    private static long epochSecond(String timestamp) {
        return LocalDateTime.parse(timestamp, TIMESTAMP).toEpochSecond(ZoneOffset.UTC);
    }

    private static void write(Path target, Scored scored) throws IOException {
        Files.createDirectories(target.getParent());
        StringBuilder csv = new StringBuilder("timestamp,value,anomaly_score\n");
        for (int i = 0; i < scored.times.length; i++) {
            csv.append(scored.times[i]).append(',').append(scored.values[i]).append(',').append(scored.scores[i])
                    .append('\n');
        }
        Files.writeString(target, csv);
    }

    private static void score(Map<String, Scored> results, Path windowsFile) {
        List<NabScorer.Series> corpus = corpus(results, windowsFile);
        int labels = corpus.stream().mapToInt(s -> s.windows().size()).sum();
        NabScorer scorer = new NabScorer(labels);
        for (NabScorer.Profile profile : NabScorer.PROFILES) {
            NabScorer.Result result = scorer.score(corpus, profile);
            System.out.printf("NAB %-19s %6.1f  (threshold %.6f, raw %.2f)%n", profile.name(), result.normalised(),
                    result.threshold(), result.raw());
            if (Boolean.getBoolean("nab.detail") && profile == NabScorer.PROFILES.get(0)) {
                corpus.forEach(series -> System.out.println("  " + NabScorer.detail(series, result.threshold())));
            }
        }
        for (NabScorer.Profile profile : NabScorer.PROFILES) {
            System.out.println(HeldOut.describe(HeldOut.score(corpus, profile)));
        }
    }

    /** Each series' scores beside its windows from NAB's windows file. */
    static List<NabScorer.Series> corpus(Map<String, Scored> results, Path windowsFile) {
        JsonNode windows = JsonMapper.builder().build().readTree(windowsFile.toFile());
        List<NabScorer.Series> corpus = new ArrayList<>();
        for (Map.Entry<String, Scored> entry : results.entrySet()) {
            JsonNode limits = windows.get(entry.getKey());
            if (limits == null) {
                throw new IllegalArgumentException(windowsFile + " has no windows for " + entry.getKey());
            }
            List<NabScorer.Window> fileWindows = new ArrayList<>();
            LocalDateTime start = LocalDateTime.parse(entry.getValue().times[0], TIMESTAMP);
            for (JsonNode limit : limits) {
                if (LocalDateTime.parse(limit.get(1).asString(), TIMESTAMP).isBefore(start)) {
                    continue;
                }
                fileWindows.add(window(entry.getValue().times, limit.get(0).asString(), limit.get(1).asString()));
            }
            corpus.add(new NabScorer.Series(entry.getKey(), entry.getValue().scores, fileWindows));
        }
        return corpus;
    }

    private static NabScorer.Window window(String[] times, String start, String end) {
        LocalDateTime from = LocalDateTime.parse(start, TIMESTAMP);
        LocalDateTime to = LocalDateTime.parse(end, TIMESTAMP);
        int first = -1;
        int last = -1;
        for (int i = 0; i < times.length; i++) {
            LocalDateTime time = LocalDateTime.parse(times[i], TIMESTAMP);
            if (first < 0 && !time.isBefore(from)) {
                first = i;
            }
            if (!time.isAfter(to)) {
                last = i;
            }
        }
        if (first < 0 || last < first) {
            throw new UncheckedIOException(new IOException("window " + start + " .. " + end + " matches no rows"));
        }
        return new NabScorer.Window(first, last);
    }
}
