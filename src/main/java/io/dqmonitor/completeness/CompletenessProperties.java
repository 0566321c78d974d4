package io.dqmonitor.completeness;

import java.time.Duration;
import java.util.List;

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
 * @param databases where tables are counted, the first whose {@code tables} pattern matches; a table no entry matches
 *                  is counted in dq-monitor's own PostgreSQL database
 */
@Validated
@ConfigurationProperties("dq.completeness")
public record CompletenessProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") @NotNull Duration interval,
        @DefaultValue({}) @Valid List<Database> databases) {

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
                throw new IllegalArgumentException("dq.completeness.databases[].tables is not a regular expression: "
                        + e.getDescription() + " in " + tables, e);
            }
        }

        boolean matches(String table) {
            return table.matches(tables);
        }
    }
}
