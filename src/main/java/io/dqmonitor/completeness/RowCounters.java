package io.dqmonitor.completeness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which database counts which table: the {@code dq.completeness.databases} entry whose pattern matches, else
 * dq-monitor's own PostgreSQL database. Each configured database gets a small pool of its own.
 */
@Component
class RowCounters implements DisposableBean {

    private record Route(CompletenessProperties.Database database, Optional<RowCounter> counter) {
    }

    private final RowCounter own;
    private final List<Route> routes = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();

    RowCounters(JdbcTemplate jdbc, TransactionTemplate transactions, CompletenessProperties properties) {
        this.own = new PostgresRowCounter(jdbc, transactions);
        properties.databases().forEach((name, database) -> routes.add(new Route(database,
                Optional.ofNullable(database.url()).map(url -> counter(url, pool(name, database))))));
    }

    /** The counter of a table, or empty when its database is configured as not counted. */
    Optional<RowCounter> of(String table) {
        return routes.stream().filter(route -> route.database().matches(table)).findFirst()
                .map(Route::counter).orElse(Optional.of(own));
    }

    private HikariDataSource pool(String name, CompletenessProperties.Database database) {
        HikariDataSource pool = database.pool("completeness-" + name);
        pools.add(pool);
        return pool;
    }

    private static RowCounter counter(String url, HikariDataSource pool) {
        if (url.startsWith("jdbc:postgresql:")) {
            org.springframework.jdbc.datasource.DataSourceTransactionManager manager =
                    new org.springframework.jdbc.datasource.DataSourceTransactionManager(pool);
            return new PostgresRowCounter(new JdbcTemplate(pool), new TransactionTemplate(manager));
        }
        return new BinlogRowCounter(pool);
    }

    @Override
    public void destroy() {
        pools.forEach(HikariDataSource::close);
    }
}
