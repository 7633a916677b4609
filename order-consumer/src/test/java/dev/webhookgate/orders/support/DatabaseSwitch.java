package dev.webhookgate.orders.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** A database server a test can take away and bring back, with the same data, on the same port. */
public interface DatabaseSwitch extends AutoCloseable {

    void stop();

    void start();

    /** The ledger this server holds; closing it also stops an H2 server. */
    TestLedger ledger();

    @Override
    void close();

    /** A real H2 server over TCP: stopping it drops every open connection, mid-transaction or not. */
    static DatabaseSwitch h2Server(Path dataDir, int port) {
        return new DatabaseSwitch() {
            private Server server = start(port);
            private final TestLedger ledger = TestLedger.of(TestLedger.Kind.H2, "jdbc:h2:tcp://127.0.0.1:" + port
                    + "/ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", () -> { });

            private Server start(int p) {
                try {
                    return Server.createTcpServer("-tcpPort", Integer.toString(p), "-baseDir", dataDir.toString(), "-ifNotExists").start();
                } catch (SQLException e) {
                    throw new IllegalStateException("H2 server did not start on port " + p, e);
                }
            }

            @Override
            public void stop() {
                server.stop();
            }

            @Override
            public void start() {
                server = start(port);
            }

            @Override
            public TestLedger ledger() {
                return ledger;
            }

            @Override
            public void close() {
                server.stop();
            }
        };
    }

    /**
     * The private PostgreSQL 15 of {@code .ci/postgres.sh}, stopped with {@code pg_ctl stop -m fast} (which
     * terminates every session) and started again. Only when the tests run against that very instance.
     */
    static DatabaseSwitch privatePostgres() {
        TestLedger.postgresCoordinates();
        Path script = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve(".ci").resolve("postgres.sh");
        if (!Files.isRegularFile(script)) {
            Assumptions.abort("no " + script + " to stop and start the private PostgreSQL with");
        }
        TestLedger ledger = TestLedger.create(TestLedger.Kind.POSTGRESQL);
        return new DatabaseSwitch() {
            @Override
            public void stop() {
                run(script, "stop");
            }

            @Override
            public void start() {
                run(script, "start");
            }

            @Override
            public TestLedger ledger() {
                return ledger;
            }

            @Override
            public void close() {
                start();
                ledger.close();
            }
        };
    }

    private static void run(Path script, String action) {
        try {
            Process process = new ProcessBuilder("bash", script.toString(), action).redirectErrorStream(true).start();
            boolean done = process.waitFor(90, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes());
            if (!done || process.exitValue() != 0) {
                process.destroyForcibly();
                Assertions.fail(script + " " + action + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
