package dev.webhookgate.bench.e2e;

import dev.webhookgate.fixture.FreePorts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * webhookgate as users run it, with its ledger on the benchmark's PostgreSQL: either {@code bin/local-stack}
 * (one JVM: embedded broker and the three services) or the three services as separate processes from their
 * runnable jars beside a broker of their own ({@code kafka.Kafka} from kafka-fixture's process mode, started
 * through local-stack's launcher with no services).
 */
final class Webhookgate extends WebhookgateSystem {

    enum Shape { LOCAL_STACK, PROCESSES }

    private final Shape shape;
    private final Path root;
    private final Path logDir;
    private final String schema;
    private final List<String> jvmOptions;
    private final int ingestPort = FreePorts.next();
    private final int dedupPort = FreePorts.next();
    private final int ordersPort = FreePorts.next();
    private final int kafkaPort = FreePorts.next();

    Webhookgate(Shape shape, Path root, Postgres pg, Path logDir, String schema, List<String> jvmOptions) {
        super(pg);
        this.shape = shape;
        this.root = root;
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
        ServiceJars jars = new ServiceJars(root, jvmOptions, processes, logDir, name());
        jars.broker(data.resolve("kafka"), kafkaPort, BrokerMain.DEFAULT_PARTITIONS);
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        for (String service : List.of("dedup-streams", "order-consumer", "ingest-api")) {
            Map<String, String> own = new HashMap<>(env);
            own.put("DATA_DIR", data.resolve(service).toString());
            jars.service(service, own, service);
        }
    }

    @Override
    public void awaitReady(Duration timeout) throws Exception {
        for (int port : new int[] {dedupPort, ordersPort, ingestPort}) {
            processes.awaitOk(URI.create("http://127.0.0.1:" + port + "/health/ready"), timeout);
        }
    }

    @Override
    public URI webhookUri() {
        return webhookAt(ingestPort);
    }
}
