package io.dqmonitor.completeness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CDC completeness check.
 *
 * @param enabled   whether to compare {@code count(*)} of each table with rules against the stream's row count
 * @param interval  time between checks; each runs one {@code count(*)} per table
 * @param databases source databases by name ({@code dq.completeness.databases.<name>}); a table is counted in the one
 *                  whose {@code tables} pattern matches (patterns must not overlap), and a table none matches in
 *                  dq-monitor's own PostgreSQL database. A map, so that files for several sources add up.
 */
@Validated
@ConfigurationProperties("dq.completeness")
public record CompletenessProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") @NotNull Duration interval,
        Map<String, @Valid Database> databases) {

    public CompletenessProperties {
        databases = databases == null ? Map.of() : new LinkedHashMap<>(databases);
    }

    /**
     * A source database to count tables in.
     *
     * @param tables   a regular expression over {@code db.table} names, e.g. {@code inventory\..*}
     * @param url      its JDBC URL ({@code jdbc:mariadb:}, {@code jdbc:mysql:} or {@code jdbc:postgresql:}); absent
     *                 means the matching tables are not counted (MongoDB collections: no snapshot count to compare)
     * @param username and {@code password}: a user that may read the tables (and, for MariaDB, run
     *                 {@code SHOW STATUS})
     */
    public record Database(
            @NotBlank String tables,
            @Pattern(regexp = "jdbc:(mariadb|mysql|postgresql):.*",
                    message = "must be a jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql: URL") String url,
            String username,
            String password) {

        public Database {
            try {
                java.util.regex.Pattern.compile(tables == null ? "" : tables);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("dq.completeness.databases.<name>.tables is not a regular expression: "
                        + e.getDescription() + " in " + tables, e);
            }
        }

        public boolean matches(String table) {
            return table.matches(tables);
        }

        /**
         * A pool of one connection to the database, which does not hold the start-up when the database is down.
         * Every feature reading a source database has one of its own, so that a slow count does not hold the others.
         */
        public HikariDataSource pool(String poolName) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(url);
            pool.setUsername(username);
            pool.setPassword(password);
            pool.setMaximumPoolSize(1);
            pool.setMinimumIdle(0);
            pool.setInitializationFailTimeout(-1);
            // a background read of a database that is down fails in seconds, not in Hikari's default half minute
            pool.setConnectionTimeout(5_000);
            pool.setPoolName(poolName);
            return pool;
        }
    }
}
