package io.dqmonitor.anomaly;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: one detector judging and learning one more minute of a table's creates, after two weeks of them (all three
 * models know every bucket); and storing and restoring its state, as the judge does once per signal and run.
 * {@code ./mvnw -Pbench -DskipTests test-compile exec:exec@jmh -Dbench.jmh="DetectorBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DetectorBenchmark {

    private static final Signal CHANGES = Signal.count("changes_create");
    private static final long START = 1_767_225_600L;

    private final Random random = new Random(1);
    private Detector detector;
    private long minute;

    @Setup(Level.Iteration)
    public void twoWeeksLearned() {
        detector = new Detector(DetectorSettings.DEFAULTS);
        for (minute = 0; minute < 14 * 1440; minute++) {
            observe();
        }
    }

    @Benchmark
    public Assessment observe() {
        long count = Math.round(6 + 2 * random.nextGaussian());
        return detector.observe(START + 60 * minute++, CHANGES.toModel(count, count), CHANGES.noise(count));
    }

    @Benchmark
    public Detector storeAndRestore() {
        return Detector.restore(DetectorSettings.DEFAULTS, detector.state());
    }
}
