package io.dqmonitor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The arithmetic behind the printed benchmark figures: percentiles, histogram quantiles, ConsumerPerformance's output. */
class BenchFiguresTest {

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(Bench.percentile(sorted, 50)).isEqualTo(5);
        assertThat(Bench.percentile(sorted, 99)).isEqualTo(10);
        assertThat(Bench.percentile(new long[0], 99)).isEqualTo(-1);
    }

    @Test
    void quantilesInterpolateInsideTheirBucketAsHistogramQuantileDoes() {
        Map<Double, Double> cumulative = new TreeMap<>(Map.of(0.1, 50.0, 0.5, 90.0, 1.0, 100.0,
                Double.POSITIVE_INFINITY, 100.0));

        assertThat(LatencyBenchmark.quantile(cumulative, 0.5)).isCloseTo(0.1, within(1e-9));
        assertThat(LatencyBenchmark.quantile(cumulative, 0.7)).isCloseTo(0.3, within(1e-9));
        assertThat(LatencyBenchmark.quantile(cumulative, 0.95)).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void consumerPerformanceFiguresAreReadFromTheLineAfterItsHeader() {
        String output = """
                12:00:00.000 [main] INFO org.apache.kafka.tools.ConsumerPerformance -- Starting consumer...
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-24 20:52:58:123, 2026-11-24 20:52:59:923, 396.4906, 220.2726, 100003, 55557.2222, 363, 1437, 275.9155, 69591.5101
                """;

        ConsumerPerformanceRun.Result result = ConsumerPerformanceRun.parse(output);

        assertThat(result.records()).isEqualTo(100003);
        assertThat(result.recordsPerSecond()).isEqualTo(55557.2222);
        assertThat(result.fetchRecordsPerSecond()).isEqualTo(69591.5101);
        assertThat(result.megabytesPerSecond()).isEqualTo(220.2726);
    }
}
