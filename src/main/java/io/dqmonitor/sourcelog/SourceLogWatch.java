package io.dqmonitor.sourcelog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.dqmonitor.completeness.CompletenessProperties;
import io.dqmonitor.tasks.BackgroundTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads each source database's log (the background task {@code source-log}): the replication slots of every
 * PostgreSQL source, dq-monitor's own datasource included when it is PostgreSQL, and the binlog of every MariaDB or
 * MySQL source. One source out of reach is {@code cdc_source_up 0} and fails the run; the others are still read.
 */
@Component
class SourceLogWatch implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SourceLogWatch.class);

    private interface Source {
        void read();
    }

    private final SourceLogProperties properties;
    private final SourceLogMetrics metrics;
    private final BinlogPositions positions;
    private final Clock clock;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private boolean warnedAboutSlots;

    SourceLogWatch(SourceLogProperties properties, CompletenessProperties databases, DataSource own,
            DataSourceProperties ownProperties, SourceLogMetrics metrics, BinlogPositions positions, Clock clock,
            BackgroundTasks tasks) {
        this.properties = properties;
        this.metrics = metrics;
        this.positions = positions;
        this.clock = clock;
        if (!properties.enabled()) {
            return;
        }
        String ownUrl = ownProperties.determineUrl();
        if (ownUrl != null && ownUrl.startsWith("jdbc:postgresql:")) {
            sources.put(properties.ownName(), slots(properties.ownName(), new JdbcTemplate(own)));
        }
        databases.databases().forEach((name, database) -> {
            if (database.url() != null) {
                HikariDataSource pool = database.pool("source-log-" + name);
                pools.add(pool);
                sources.put(name, database.url().startsWith("jdbc:postgresql:") ? slots(name, new JdbcTemplate(pool))
                        : binlog(name, new BinlogReader(pool)));
            }
        });
        sources.keySet().forEach(name -> metrics.up(name, false));
        if (!sources.isEmpty()) {
            tasks.register("source-log", java.time.Duration.ZERO, properties.interval(), this::readAll);
        }
    }

    private Source slots(String name, JdbcTemplate jdbc) {
        SlotReader reader = new SlotReader(jdbc);
        return () -> {
            List<SlotReader.Slot> slots = reader.slots(properties.slots(), properties.maxSlots());
            if (slots.size() > properties.maxSlots()) {
                slots = slots.subList(0, properties.maxSlots());
                if (!warnedAboutSlots) {
                    warnedAboutSlots = true;
                    log.warn("{} has more than {} logical slots (dq.source-log.max-slots): the first {} by name are "
                            + "watched", name, properties.maxSlots(), properties.maxSlots());
                }
            }
            metrics.slots(name, slots);
        };
    }

    private Source binlog(String name, BinlogReader reader) {
        BinlogDistance distance = new BinlogDistance();
        return () -> metrics.binlog(name, distance.read(reader.read(), positions.furthest(name), clock.instant()));
    }

    void readAll() {
        List<String> failed = new ArrayList<>();
        sources.forEach((name, source) -> {
            try {
                source.read();
                metrics.up(name, true);
            } catch (RuntimeException e) {
                metrics.up(name, false);
                failed.add(name + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        });
        if (!failed.isEmpty()) {
            throw new IllegalStateException("reading the source log failed for " + String.join(", ", failed));
        }
    }

    @Override
    public void destroy() {
        pools.forEach(HikariDataSource::close);
    }
}
