package io.dqmonitor.bench;

/** Each contender's figure per run; ratios are taken per run, and their medians printed. */
record ThroughputFigures(double[] kafka, double[] bytes, double[] parse, double[] before, double[] beforeWarm,
        double[] dq, double[] dqWarm) {

    ThroughputFigures(int runs) {
        this(new double[runs], new double[runs], new double[runs], new double[runs], new double[runs],
                new double[runs], new double[runs]);
    }

    void add(int run, double kafkaRate, double bytesRate, double parseRate, ThroughputBenchmark.Drain earlier,
            ThroughputBenchmark.Drain drain) {
        kafka[run] = kafkaRate;
        bytes[run] = bytesRate;
        parse[run] = parseRate;
        before[run] = earlier == null ? Double.NaN : earlier.recordsPerSecond();
        beforeWarm[run] = earlier == null ? Double.NaN : earlier.secondHalfRecordsPerSecond();
        dq[run] = drain.recordsPerSecond();
        dqWarm[run] = drain.secondHalfRecordsPerSecond();
    }

    void print(long records, int runs) {
        System.out.printf("%nThroughput, %,d records, median of %d runs (ratio: the median of each run's ratio"
                        + " to ConsumerPerformance; in brackets to the byte reader):%n"
                        + "  Kafka ConsumerPerformance            %,10.0f records/s%n", records, runs, Bench.median(kafka));
        line("byte reader (the fair limit)", bytes);
        line("parse and check only", parse);
        if (!Double.isNaN(before[0])) {
            line("dq-monitor before, whole topic", before);
            line("dq-monitor before, second half", beforeWarm);
        }
        line("dq-monitor, whole topic", dq);
        line("dq-monitor, second half of the topic", dqWarm);
    }

    private void line(String name, double[] rates) {
        double[] ofKafka = new double[rates.length];
        double[] ofBytes = new double[rates.length];
        for (int i = 0; i < rates.length; i++) {
            ofKafka[i] = rates[i] / kafka[i];
            ofBytes[i] = rates[i] / bytes[i];
        }
        System.out.printf("  %-36s %,10.0f records/s   ratio %.2f (%.2f)%n", name, Bench.median(rates),
                Bench.median(ofKafka), Bench.median(ofBytes));
    }
}
