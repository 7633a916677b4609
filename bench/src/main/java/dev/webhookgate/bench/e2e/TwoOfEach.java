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
 * webhookgate scaled out on loopback: one broker process with topics of {@link #PARTITIONS} partitions, and two
 * instances of each service from their jars. The dedup instances have their own ports, data directories, static
 * ids and advertised URLs; the order consumers share the group with ids of their own; ingest n asks dedup n, so
 * a verdict for a key the other dedup instance owns is forwarded there (docs/verdict-protocol.md). The load is
 * spread over both ingests ({@link #webhookUris()}), and {@link #layoutAfterLoad()} reports how the partitions
 * and the verdicts were spread ({@link Spread}).
 */
final class TwoOfEach extends WebhookgateSystem {

    /** Enough for two instances to each get some, and divisible by 2 and 3 so a third would get an even share. */
    static final int PARTITIONS = 6;
    static final int INSTANCES = 2;

    private final Path root;
    private final Path logDir;
    private final String schema;
    private final List<String> jvmOptions;
    private final int kafkaPort = FreePorts.next();
    private final List<Integer> ingestPorts = ports();
    private final List<Integer> dedupPorts = ports();
    private final List<Integer> ordersPorts = ports();

    TwoOfEach(Path root, Postgres pg, Path logDir, String schema, List<String> jvmOptions) {
        super(pg);
        this.root = root;
        this.logDir = logDir;
        this.schema = schema;
        this.jvmOptions = jvmOptions;
    }

    private static List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            ports.add(FreePorts.next());
        }
        return ports;
    }

    @Override
    public String name() {
        return "webhookgate-two-of-each";
    }

    @Override
    public void launch() throws Exception {
        ledgerUrl = pg.freshSchema(schema);
        Path data = Files.createTempDirectory(logDir, name() + "-data-");
        ServiceJars jars = new ServiceJars(root, jvmOptions, processes, logDir, name());
        jars.broker(data.resolve("kafka"), kafkaPort, PARTITIONS);
        Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
        // dedup first: each ingest's DEDUP_URL must answer, and both order consumers join while dedup settles
        for (int i = 0; i < INSTANCES; i++) {
            Map<String, String> env = new HashMap<>(common);
            env.put("DEDUP_PORT", String.valueOf(dedupPorts.get(i)));
            env.put("DEDUP_ADVERTISED_URL", dedupUrl(i));
            env.put("DEDUP_INSTANCE_ID", Spread.dedupId(i));
            env.put("DATA_DIR", data.resolve("dedup-" + (i + 1)).toString());
            jars.service("dedup-streams", env, "dedup-streams-" + (i + 1));
        }
        for (int i = 0; i < INSTANCES; i++) {
            Map<String, String> env = new HashMap<>(common);
            env.put("ORDERS_PORT", String.valueOf(ordersPorts.get(i)));
            env.put("ORDERS_INSTANCE_ID", Spread.ordersId(i));
            env.put("DATA_DIR", data.resolve("orders-" + (i + 1)).toString());
            env.put("LEDGER_JDBC_URL", ledgerUrl);
            env.put("LEDGER_JDBC_USER", pg.user());
            env.put("LEDGER_JDBC_PASSWORD", pg.password());
            jars.service("order-consumer", env, "order-consumer-" + (i + 1));
        }
        for (int i = 0; i < INSTANCES; i++) {
            Map<String, String> env = new HashMap<>(common);
            env.put("INGEST_PORT", String.valueOf(ingestPorts.get(i)));
            env.put("DEDUP_URL", dedupUrl(i));
            jars.service("ingest-api", env, "ingest-api-" + (i + 1));
        }
    }

    private String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    private String dedupUrl(int instance) {
        return "http://127.0.0.1:" + dedupPorts.get(instance);
    }

    @Override
    public void awaitReady(Duration timeout) throws Exception {
        List<Integer> all = new ArrayList<>(dedupPorts);
        all.addAll(ordersPorts);
        all.addAll(ingestPorts);
        for (int port : all) {
            processes.awaitOk(URI.create("http://127.0.0.1:" + port + "/health/ready"), timeout);
        }
    }

    @Override
    public URI webhookUri() {
        return webhookUris().get(0);
    }

    @Override
    public List<URI> webhookUris() {
        return ingestPorts.stream().map(WebhookgateSystem::webhookAt).toList();
    }

    @Override
    public Map<String, Object> layoutAfterLoad() throws Exception {
        return new Spread(bootstrap(), dedupPorts, ordersPorts, ingestPorts).read();
    }
}
