package dev.webhookgate.orders.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty ledger database for one test: an H2 file in MODE=PostgreSQL, or a private schema in the
 * real PostgreSQL 15 named by {@code TEST_POSTGRES_URL}. Without that variable the PostgreSQL cases are
 * skipped, except under {@code CI=true}, where a missing database is a failure.
 */
public final class TestLedger implements AutoCloseable {

    public enum Kind { H2, POSTGRESQL }

    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;
    private final Runnable cleanup;

    private TestLedger(Kind kind, String url, String user, String password, Runnable cleanup) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.cleanup = cleanup;
    }

    /** A database someone else manages (an H2 TCP server a test stops and starts); {@code cleanup} runs on close. */
    public static TestLedger of(Kind kind, String url, String user, String password, Runnable cleanup) {
        return new TestLedger(kind, url, user, password, cleanup);
    }

    public static TestLedger create(Kind kind) {
        return kind == Kind.H2 ? h2() : postgres();
    }

    /** An H2 file database in a directory of its own, as the service's default would create. */
    public static TestLedger h2() {
        try {
            Path dir = Files.createTempDirectory("ledger-h2-");
            String url = "jdbc:h2:file:" + dir.resolve("ledger") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            return new TestLedger(Kind.H2, url, "sa", "", () -> deleteTree(dir));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Database coordinates of the private PostgreSQL, or a skipped/failed test when there is none. */
    public static PostgresCoordinates postgresCoordinates() {
        String url = System.getenv("TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true but TEST_POSTGRES_URL is not set: the PostgreSQL tests must run in CI (start .ci/postgres.sh)");
            }
            Assumptions.abort("TEST_POSTGRES_URL is not set; run bash .ci/postgres.sh start and export"
                    + " TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:55432/ledger_test");
        }
        return new PostgresCoordinates(url, envOr("TEST_POSTGRES_USER", "ledger"), envOr("TEST_POSTGRES_PASSWORD", "ledger"));
    }

    public record PostgresCoordinates(String url, String user, String password) {
    }

    private static TestLedger postgres() {
        PostgresCoordinates pg = postgresCoordinates();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + pg.url() + ": " + e.getMessage(), e);
        }
        String url = pg.url() + (pg.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestLedger(Kind.POSTGRESQL, url, pg.user(), pg.password(), () -> {
            try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + schema, e);
            }
        });
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    /** The LEDGER_JDBC_* variables that point a service at this database. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LEDGER_JDBC_URL", url);
        env.put("LEDGER_JDBC_USER", user);
        env.put("LEDGER_JDBC_PASSWORD", password);
        return env;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The first column of the first row, as a long; for counts and sums in assertions. */
    public long number(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        cleanup.run();
    }

    @Override
    public String toString() {
        return kind.name();
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + dir, e);
        }
    }
}
