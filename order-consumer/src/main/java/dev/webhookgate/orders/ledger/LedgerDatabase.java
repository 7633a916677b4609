package dev.webhookgate.orders.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The pool, migrated before anyone uses it. */
public final class LedgerDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    private LedgerDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    public static LedgerDatabase open(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ledger");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        // a dead database must surface within seconds so the consumer pauses instead of hanging in getConnection
        config.setConnectionTimeout(3000);
        config.setValidationTimeout(2000);
        if (jdbcUrl.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            // H2 otherwise writes a commit up to 500 ms later: a kill -9 in that window loses rows whose Kafka
            // offsets are already committed, which is loss, not a redelivery
            config.setConnectionInitSql("SET WRITE_DELAY 0");
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new LedgerDatabase(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
