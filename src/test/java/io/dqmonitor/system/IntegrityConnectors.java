package io.dqmonitor.system;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import io.dqmonitor.stack.EmbeddedStack;

/**
 * A second PostgreSQL connector of the shared stack for the pipeline's own health: its own table
 * ({@code REPLICA IDENTITY DEFAULT}), slot, publication and topic prefix {@code monitoring_integrity}, so that the
 * tests can stop, reset and fail it without touching the reference connector. Also the roles those tests need: one
 * with {@code pg_monitor} only, to read slots with the least privilege, and one that may log in but not replicate.
 */
final class IntegrityConnectors {

    static final String PREFIX = "monitoring_integrity";
    static final String TOPIC_PATTERN = "monitoring_(server|mariadb|mongodb|integrity)\\..*";
    static final String MONITOR_ROLE = "dq_slot_reader";
    static final String MONITOR_PASSWORD = "slot-reader";
    static final String NO_REPLICATION_ROLE = "dq_no_replication";

    private static final String SETUP = """
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dq_slot_reader') THEN
                    CREATE ROLE dq_slot_reader LOGIN PASSWORD 'slot-reader';
                END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dq_no_replication') THEN
                    CREATE ROLE dq_no_replication LOGIN PASSWORD 'no-replication';
                END IF;
            END
            $$;
            GRANT pg_monitor TO dq_slot_reader;
            CREATE TABLE IF NOT EXISTS public.%1$s (id integer PRIMARY KEY, body text);
            GRANT SELECT ON public.%1$s TO dq_no_replication;
            INSERT INTO public.%1$s SELECT g, 'row ' || g FROM generate_series(1, 3) g ON CONFLICT DO NOTHING;
            """;

    private IntegrityConnectors() {
    }

    /** Creates {@code public.<table>} with three rows and registers a connector of it; returns once it streams. */
    static void register(EmbeddedStack stack, String connector, String table) throws Exception {
        try (Connection db = stack.connect(); Statement sql = db.createStatement()) {
            sql.execute(SETUP.formatted(table));
        }
        stack.registerPostgresConnector(connector, Map.of(
                "topic.prefix", PREFIX,
                "table.include.list", "public." + table,
                "slot.name", "dq_" + table + "_slot",
                "publication.name", "dq_" + table + "_publication"));
    }

    /**
     * Registers a connector as {@link #NO_REPLICATION_ROLE}: Connect's validation lets it in (the role may log in),
     * and its task fails creating its slot.
     */
    static void submitUnreplicable(EmbeddedStack stack, String connector, String table) throws Exception {
        try (Connection db = stack.connect(); Statement sql = db.createStatement()) {
            sql.execute(SETUP.formatted(table));
            // the publication exists, so that what fails is the replication connection the role may not open
            sql.execute("""
                    DO $$
                    BEGIN
                        IF NOT EXISTS (SELECT FROM pg_publication WHERE pubname = 'dq_denied_publication') THEN
                            CREATE PUBLICATION dq_denied_publication FOR TABLE public.%s;
                        END IF;
                    END
                    $$""".formatted(table));
        }
        stack.submitPostgresConnector(connector, Map.of(
                "database.user", NO_REPLICATION_ROLE,
                "database.password", "no-replication",
                "topic.prefix", PREFIX + "_denied",
                "table.include.list", "public." + table,
                "slot.name", "dq_denied_slot",
                "publication.name", "dq_denied_publication",
                "publication.autocreate.mode", "disabled"));
    }
}
