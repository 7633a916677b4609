package dev.webhookgate.bench.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The design webhookgate replaces, in its own stack: bench/seed-baseline (Node + Express + pg) on the same
 * PostgreSQL, its tables dropped before each round so every round starts from an empty table.
 */
final class SeedStyle implements SystemUnderTest {

    private final Path root;
    private final Postgres pg;
    private final int port;
    private final Path logDir;
    private final Processes processes = new Processes();
    private final String schema;

    SeedStyle(Path root, Postgres pg, int port, Path logDir, String schema) {
        this.root = root;
        this.pg = pg;
        this.port = port;
        this.logDir = logDir;
        this.schema = schema;
    }

    @Override
    public String name() {
        return "seed-style";
    }

    @Override
    public void launch() throws Exception {
        pg.freshSchema(schema);
        processes.start(List.of("node", root.resolve("bench/seed-baseline/server.js").toString()),
                Map.of("PORT", String.valueOf(port), "PGHOST", pg.host(), "PGPORT", String.valueOf(pg.port()),
                        "PGUSER", pg.user(), "PGPASSWORD", pg.password(), "PGDATABASE", pg.database(),
                        // node-postgres passes this to the server: the round's tables live in their own schema
                        "PGOPTIONS", "-c search_path=" + schema),
                logDir.resolve("seed-style.log"));
    }

    @Override
    public void awaitReady(Duration timeout) throws Exception {
        processes.awaitOk(URI.create("http://127.0.0.1:" + port + "/health/ready"), timeout);
    }

    @Override
    public URI webhookUri() {
        return URI.create("http://127.0.0.1:" + port + "/api/v1/whatsapp/webhook");
    }

    @Override
    public OrderCount orders() {
        return new OrderCount(pg.jdbcUrl() + "?currentSchema=" + schema, pg.user(), pg.password(),
                "SELECT idempotency_key, COUNT(*) FROM orders GROUP BY idempotency_key");
    }

    @Override
    public List<Long> pids() {
        return processes.pids();
    }

    @Override
    public void close() {
        processes.close();
    }
}
