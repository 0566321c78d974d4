package io.dqmonitor.sourcelog;

import java.util.List;
import java.util.Set;

import io.dqmonitor.metrics.GaugeValue;
import io.dqmonitor.metrics.LabelledMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The source databases' logs: {@code cdc_source_up{source}}, per PostgreSQL slot {@code cdc_source_slot_*}, per
 * binlog source {@code cdc_source_binlog_*}. A slot that is gone loses its series.
 */
@Component
class SourceLogMetrics {

    /** {@code pg_replication_slots.wal_status}: every value has a series, 1 for the current one. */
    static final List<String> WAL_STATUSES = List.of("reserved", "extended", "unreserved", "lost");

    private final LabelledMeters<GaugeValue> up;
    private final LabelledMeters<GaugeValue> active;
    private final LabelledMeters<GaugeValue> retained;
    private final LabelledMeters<GaugeValue> flushLag;
    private final LabelledMeters<GaugeValue> safeWal;
    private final LabelledMeters<GaugeValue> walStatus;
    private final LabelledMeters<GaugeValue> behind;
    private final LabelledMeters<GaugeValue> purged;
    private final LabelledMeters<GaugeValue> neededAge;
    private final LabelledMeters<GaugeValue> oldestAge;
    private final LabelledMeters<GaugeValue> expiry;

    SourceLogMetrics(MeterRegistry registry) {
        up = gauge(registry, "cdc.source.up", "Whether the source database answered its last log read (1) or not (0)",
                null, "source");
        active = gauge(registry, "cdc.source.slot.active", "Whether a client (the connector) reads the slot (1) or not "
                + "(0)", null, "source", "slot");
        retained = gauge(registry, "cdc.source.slot.retained", "WAL the slot keeps on the server's disk: the current "
                + "LSN less the slot's restart_lsn", "bytes", "source", "slot");
        flushLag = gauge(registry, "cdc.source.slot.flush.lag", "WAL written since the slot's confirmed_flush_lsn: "
                + "what the connector has not confirmed yet", "bytes", "source", "slot");
        safeWal = gauge(registry, "cdc.source.slot.safe.wal", "WAL that can still be written before the slot loses "
                + "what it needs (max_slot_wal_keep_size); absent when the server sets no limit", "bytes",
                "source", "slot");
        walStatus = gauge(registry, "cdc.source.slot.wal.status", "The slot's wal_status: 1 for the current one "
                + "(lost: the connector cannot resume from it)", null, "source", "slot", "status");
        behind = gauge(registry, "cdc.source.binlog.behind", "Binlog bytes between the connector's last streamed "
                + "position and the server's current one", "bytes", "source");
        purged = gauge(registry, "cdc.source.binlog.needed.file.purged", "Whether the binlog file holding the "
                + "connector's last streamed position is gone from the server (1): it cannot resume there", null,
                "source");
        neededAge = gauge(registry, "cdc.source.binlog.needed.file.age", "Time since the binlog file holding the "
                + "connector's position was left behind (0 while it is the current file)", "seconds", "source");
        oldestAge = gauge(registry, "cdc.source.binlog.oldest.file.age", "Time since the oldest binlog file was left "
                + "behind, at least", "seconds", "source");
        expiry = gauge(registry, "cdc.source.binlog.expiry", "The server's binlog_expire_logs_seconds (0: files "
                + "are not purged by age)", "seconds", "source");
    }

    private static LabelledMeters<GaugeValue> gauge(MeterRegistry registry, String name, String description,
            String unit, String... labels) {
        return GaugeValue.labelled(registry, name, description, unit, 0, labels);
    }

    void up(String source, boolean answered) {
        up.get(source).set(answered ? 1 : 0);
    }

    void slots(String source, List<SlotReader.Slot> slots) {
        Set<String> present = new java.util.HashSet<>();
        for (SlotReader.Slot slot : slots) {
            present.add(slot.name());
            active.get(source, slot.name()).set(slot.active() ? 1 : 0);
            retained.get(source, slot.name()).set(slot.retainedBytes());
            flushLag.get(source, slot.name()).set(slot.flushLagBytes() == null ? Double.NaN : slot.flushLagBytes());
            if (slot.safeWalBytes() != null) {
                safeWal.get(source, slot.name()).set(slot.safeWalBytes());
            }
            for (String status : WAL_STATUSES) {
                walStatus.get(source, slot.name(), status).set(status.equals(slot.walStatus()) ? 1 : 0);
            }
        }
        for (LabelledMeters<GaugeValue> meters : List.of(active, retained, flushLag, safeWal, walStatus)) {
            meters.removeIf(l -> l.get(0).equals(source) && !present.contains(l.get(1)));
        }
    }

    void binlog(String source, BinlogDistance.Reading reading) {
        behind.get(source).set(reading.behindBytes().map(Long::doubleValue).orElse(Double.NaN));
        purged.get(source).set(reading.neededFilePurged().map(p -> p ? 1.0 : 0.0).orElse(Double.NaN));
        neededAge.get(source).set(reading.neededFileAge().map(a -> a.toMillis() / 1000.0).orElse(Double.NaN));
        oldestAge.get(source).set(reading.oldestFileAge().toMillis() / 1000.0);
        expiry.get(source).set(reading.expirySeconds());
    }
}
