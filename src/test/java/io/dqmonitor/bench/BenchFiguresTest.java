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

        assertThat(Bench.quantile(cumulative, 0.5)).isCloseTo(0.1, within(1e-9));
        assertThat(Bench.quantile(cumulative, 0.7)).isCloseTo(0.3, within(1e-9));
        assertThat(Bench.quantile(cumulative, 0.95)).isCloseTo(0.75, within(1e-9));
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

    @Test
    void heapInUseIsReadForG1AndSummedOverTheGenerationsOfTheParallelAndSerialCollectors() {
        // jcmd <pid> GC.heap_info of JDK 17, one process per collector
        String g1 = " garbage-first heap   total 65536K, used 14994K [0x00000000fc000000, 0x0000000100000000)\n"
                + "  region size 1024K, 13 young (13312K), 0 survivors (0K)\n";
        String parallel = " PSYoungGen      total 18944K, used 11099K [0x00000000feb00000, 0x0000000100000000)\n"
                + "  eden space 16384K, 67% used [0x00000000feb00000,0x00000000ff5d6f40,0x00000000ffb00000)\n"
                + " ParOldGen       total 44032K, used 1344K [0x00000000fc000000, 0x00000000feb00000)\n"
                + " Metaspace       used 6528K, committed 6720K, reserved 1114112K\n";
        String serial = " def new generation   total 19648K, used 9701K [0x00000000fc000000, 0x00000000fd550000)\n"
                + " tenured generation   total 43712K, used 2778K [0x00000000fd550000, 0x0000000100000000)\n";

        assertThat(Memory.heapUsedKilobytes(g1)).isEqualTo(14994);
        assertThat(Memory.heapUsedKilobytes(parallel)).isEqualTo(11099 + 1344);
        assertThat(Memory.heapUsedKilobytes(serial)).isEqualTo(9701 + 2778);
        assertThat(Memory.heapUsedKilobytes("no heap here")).isEqualTo(-1);
    }

    @Test
    void busyTicksOfAllCoresLeaveOutIdleAndIoWait() {
        // user nice system idle iowait irq softirq steal guest guest_nice: guests are already counted in user
        long[] cores = MachineCpu.parseCores("cpu  100 5 50 800 20 3 2 0 40 0");

        assertThat(cores).containsExactly(100 + 5 + 50 + 3 + 2, 100 + 5 + 50 + 800 + 20 + 3 + 2);
    }

    @Test
    void spentCpuIsThePartsDifferenceEachRecordAndTheBusyShareOfTheCoresTicks() {
        MachineCpu.Snapshot from = new MachineCpu.Snapshot(1_000, 4_000, parts(10, 5, 1));
        MachineCpu.Snapshot to = new MachineCpu.Snapshot(1_900, 5_000, parts(12.7, 5.6, 1.25));

        MachineCpu.Spent spent = MachineCpu.between(from, to, 100_000);

        assertThat(spent.busyShare()).isCloseTo(0.9, within(1e-9));
        assertThat(spent.microsPerRecord().get(MachineCpu.Part.SERVICE)).isCloseTo(27, within(1e-6));
        assertThat(spent.microsPerRecord().get(MachineCpu.Part.KAFKA)).isCloseTo(6, within(1e-6));
        assertThat(spent.microsPerRecord().get(MachineCpu.Part.POSTGRES)).isCloseTo(2.5, within(1e-6));
        assertThat(spent.describe()).isEqualTo("machine 90% busy; CPU a record: dq-monitor 27.0, Kafka, Connect and the"
                + " benchmark 6.0, PostgreSQL 2.5 µs");
    }

    @Test
    void threadsAreGroupedByTheirNamesAndEndedThreadsFallToOther() {
        assertThat(ThreadCpu.group("dq-monitor-cdc-")).isEqualTo(ThreadCpu.Group.CONSUMER);
        assertThat(ThreadCpu.group("dq-store")).isEqualTo(ThreadCpu.Group.STORE);
        assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo(ThreadCpu.Group.GC);
        assertThat(ThreadCpu.group("VM Thread")).isEqualTo(ThreadCpu.Group.GC);
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo(ThreadCpu.Group.JIT);
        assertThat(ThreadCpu.group("http-nio-8080-e")).isEqualTo(ThreadCpu.Group.OTHER);
        ThreadCpu.Snapshot from = new ThreadCpu.Snapshot(Map.of(1L, 1.0, 2L, 0.5, 3L, 2.0),
                Map.of(1L, ThreadCpu.Group.CONSUMER, 2L, ThreadCpu.Group.STORE, 3L, ThreadCpu.Group.GC), 4.0);
        // thread 3 ended (its 0.3 s are in the process's total only); thread 4 started
        ThreadCpu.Snapshot to = new ThreadCpu.Snapshot(Map.of(1L, 2.5, 2L, 1.0, 4L, 0.2),
                Map.of(1L, ThreadCpu.Group.CONSUMER, 2L, ThreadCpu.Group.STORE, 4L, ThreadCpu.Group.JIT), 6.5);

        Map<ThreadCpu.Group, Double> micros = ThreadCpu.between(from, to, 100_000);

        assertThat(micros.get(ThreadCpu.Group.CONSUMER)).isCloseTo(15, within(1e-6));
        assertThat(micros.get(ThreadCpu.Group.STORE)).isCloseTo(5, within(1e-6));
        assertThat(micros.get(ThreadCpu.Group.JIT)).isCloseTo(2, within(1e-6));
        assertThat(micros.get(ThreadCpu.Group.OTHER)).isCloseTo(3, within(1e-6));
        assertThat(micros.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(25, within(1e-6));
    }

    private static Map<MachineCpu.Part, Double> parts(double service, double kafka, double postgres) {
        Map<MachineCpu.Part, Double> parts = new java.util.LinkedHashMap<>();
        parts.put(MachineCpu.Part.SERVICE, service);
        parts.put(MachineCpu.Part.KAFKA, kafka);
        parts.put(MachineCpu.Part.POSTGRES, postgres);
        return parts;
    }
}
