package io.dqmonitor.metrics;

/** Table labels for binder tests in other packages. */
public final class TableLabelsFixture {

    private TableLabelsFixture() {
    }

    public static TableLabels of(MetricsProperties properties) {
        return new TableLabels(properties);
    }
}
