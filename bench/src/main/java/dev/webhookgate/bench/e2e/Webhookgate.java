package dev.webhookgate.bench.e2e;

import dev.webhookgate.fixture.FreePorts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * webhookgate as users run it, with its ledger on the benchmark's PostgreSQL: either {@code bin/local-stack}
 * (one JVM: embedded broker and the three services) or the three services as separate processes from their
 * runnable jars beside a broker of their own ({@code kafka.Kafka} from kafka-fixture's process mode, started
 * through local-stack's launcher with no services).
 */
final class Webhookgate implements SystemUnderTest {

    enum Shape { LOCAL_STACK, PROCESSES }

    private final Shape shape;
    private final Path root;
    private final Postgres pg;
    private final Path logDir;
    private final String schema;
    private final List<String> jvmOptions;
    private final Processes processes = new Processes();
    private final int ingestPort = FreePorts.next();
    private final int dedupPort = FreePorts.next();
    private final int ordersPort = FreePorts.next();
    private final int kafkaPort = FreePorts.next();
    private String ledgerUrl;

    Webhookgate(Shape shape, Path root, Postgres pg, Path logDir, String schema, List<String> jvmOptions) {
        this.shape = shape;
        this.root = root;
        this.pg = pg;
        this.logDir = logDir;
        this.schema = schema;
        this.jvmOptions = jvmOptions;
    }

    @Override
    public String name() {
        return shape == Shape.LOCAL_STACK ? "webhookgate-local-stack" : "webhookgate-processes";
    }

    @Override
    public void launch() throws Exception {
        ledgerUrl = pg.freshSchema(schema);
        Path data = Files.createTempDirectory(logDir, name() + "-data-");
        Map<String, String> env = new HashMap<>();
        env.put("LEDGER_JDBC_URL", ledgerUrl);
        env.put("LEDGER_JDBC_USER", pg.user());
        env.put("LEDGER_JDBC_PASSWORD", pg.password());
        env.put("INGEST_PORT", String.valueOf(ingestPort));
        env.put("DEDUP_PORT", String.valueOf(dedupPort));
        env.put("ORDERS_PORT", String.valueOf(ordersPort));
        env.put("DEDUP_URL", "http://127.0.0.1:" + dedupPort);
        env.put("DEDUP_ADVERTISED_URL", "http://127.0.0.1:" + dedupPort);
        if (shape == Shape.LOCAL_STACK) {
            // through bin/local-stack, as users start it (its class-data sharing archive included)
            env.put("JAVA_OPTS", String.join(" ", jvmOptions));
            processes.start(List.of(root.resolve("bin/local-stack").toString(),
                    "--fresh", "--data-dir", data.toString(), "--kafka-port", String.valueOf(kafkaPort)), env, logDir.resolve(name() + ".log"));
            return;
        }
        // Separate processes: a broker first (local-stack with only its broker would need a flag it lacks, so
        // the broker comes from kafka-fixture's own main), then each service from its runnable jar.
        List<String> broker = new ArrayList<>(List.of(Processes.java(), "-Xmx1g", "-cp",
                Processes.classpath(root.resolve("bench/target/bench.jar")), "dev.webhookgate.bench.e2e.BrokerMain",
                data.resolve("kafka").toString(), String.valueOf(kafkaPort)));
        processes.start(broker, Map.of(), logDir.resolve(name() + "-broker.log"));
        awaitPort(kafkaPort, Duration.ofSeconds(60));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        for (String service : List.of("dedup-streams", "order-consumer", "ingest-api")) {
            Map<String, String> own = new HashMap<>(env);
            own.put("DATA_DIR", data.resolve(service).toString());
            List<String> cmd = new ArrayList<>(List.of(Processes.java()));
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-jar", root.resolve(service + "/target/" + service + ".jar").toString()));
            processes.start(cmd, own, logDir.resolve(name() + "-" + service + ".log"));
        }
    }

    private static void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("broker not listening on " + port + " within " + timeout);
    }

    @Override
    public void awaitReady(Duration timeout) throws Exception {
        for (int port : new int[] {dedupPort, ordersPort, ingestPort}) {
            processes.awaitOk(URI.create("http://127.0.0.1:" + port + "/health/ready"), timeout);
        }
    }

    @Override
    public URI webhookUri() {
        return URI.create("http://127.0.0.1:" + ingestPort + "/api/v1/whatsapp/webhook");
    }

    @Override
    public OrderCount orders() {
        return new OrderCount(ledgerUrl, pg.user(), pg.password(),
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
