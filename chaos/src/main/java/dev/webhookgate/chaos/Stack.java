package dev.webhookgate.chaos;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three services of one scenario as separate JVMs from their jars, wired to the scenario's topics,
 * broker(s) and ledger: one or more dedup-streams, one order-consumer (optional), one ingest-api that asks
 * one of the dedup instances for its verdicts.
 */
final class Stack implements AutoCloseable {

    static final Duration READY = Duration.ofSeconds(180);
    static final int PARTITIONS = 6;

    /**
     * @param instanceIds   static membership ({@code DEDUP_INSTANCE_ID}, {@code ORDERS_INSTANCE_ID}), as compose deploys it
     * @param dedupEnv      further dedup-streams variables (guarantee, standbys, session timeout, TTLs)
     * @param verdictsFrom  the dedup instance (1-based) the ingest asks for verdicts
     */
    record Options(int dedupInstances, boolean instanceIds, Map<String, String> dedupEnv, boolean withOrders, int verdictsFrom) {
        Options(int dedupInstances, boolean instanceIds, Map<String, String> dedupEnv, boolean withOrders) {
            this(dedupInstances, instanceIds, dedupEnv, withOrders, 1);
        }
    }

    private final List<ServiceProcess> dedups = new ArrayList<>();
    private final ServiceProcess orders;
    private final ServiceProcess ingest;
    private final Topics topics;

    /** @param jvmOptions for every service process, after heap and collector ({@link ChaosContext#jvmOptions()}) */
    Stack(Path repo, Path dir, String name, String bootstrap, short replication, Topics topics, Options options,
          Optional<OrdersLedger> ledger, List<String> jvmOptions) {
        this.topics = topics;
        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        common.put("TOPIC_PREFIX", topics.prefix());
        common.put("TOPIC_PARTITIONS", String.valueOf(PARTITIONS));
        common.put("TOPIC_REPLICATION_FACTOR", String.valueOf(replication));
        // A broker busy recovering its logs after a kill -9 is a fault of the scenario, not a wrong address.
        common.put("KAFKA_STARTUP_TIMEOUT", "120");
        common.putAll(options.dedupEnv().entrySet().stream().filter(e -> e.getKey().startsWith("IDEMPOTENCY_"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        for (int i = 1; i <= options.dedupInstances(); i++) {
            int port = FreePorts.next();
            Map<String, String> env = new HashMap<>(common);
            env.putAll(options.dedupEnv());
            env.put("APPLICATION_ID", "chaos-" + name);
            env.put("DATA_DIR", dir.resolve("dedup-" + i).toString());
            env.put("DEDUP_PORT", String.valueOf(port));
            env.put("DEDUP_ADVERTISED_URL", "http://127.0.0.1:" + port);
            if (options.instanceIds()) {
                env.put("DEDUP_INSTANCE_ID", "chaos-dedup-" + i);
            }
            dedups.add(new ServiceProcess("dedup-streams-" + i, jar(repo, "dedup-streams"), "512m", jvmOptions, port, env,
                    dir.resolve("dedup-" + i + ".log")));
        }
        if (options.withOrders()) {
            OrdersLedger db = ledger.orElseThrow();
            int port = FreePorts.next();
            Map<String, String> env = new HashMap<>(common);
            env.put("ORDERS_PORT", String.valueOf(port));
            env.put("ORDERS_GROUP_ID", "chaos-orders-" + name);
            env.put("DATA_DIR", dir.resolve("orders").toString());
            env.put("LEDGER_JDBC_URL", db.jdbcUrl());
            env.put("LEDGER_JDBC_USER", db.user());
            env.put("LEDGER_JDBC_PASSWORD", db.password());
            if (options.instanceIds()) {
                env.put("ORDERS_INSTANCE_ID", "chaos-orders-1");
            }
            orders = new ServiceProcess("order-consumer", jar(repo, "order-consumer"), "256m", jvmOptions, port, env, dir.resolve("orders.log"));
        } else {
            orders = null;
        }
        int ingestPort = FreePorts.next();
        Map<String, String> env = new HashMap<>(common);
        env.put("INGEST_PORT", String.valueOf(ingestPort));
        env.put("DEDUP_URL", "http://127.0.0.1:" + dedups.get(options.verdictsFrom() - 1).port());
        env.put("DATA_DIR", dir.resolve("ingest").toString());
        ingest = new ServiceProcess("ingest-api", jar(repo, "ingest-api"), "256m", jvmOptions, ingestPort, env, dir.resolve("ingest.log"));
    }

    /** What the order-consumer is pointed at. */
    record OrdersLedger(String jdbcUrl, String user, String password) {
    }

    static Path jar(Path repo, String module) {
        return repo.resolve(module).resolve("target").resolve(module + ".jar");
    }

    /** Starts all of them and waits until each is ready; on failure none is left running. */
    Stack start() {
        try {
            dedups.forEach(ServiceProcess::start);
            if (orders != null) {
                orders.start();
            }
            ingest.start();
            dedups.forEach(d -> d.awaitReady(READY));
            if (orders != null) {
                orders.awaitReady(READY);
            }
            ingest.awaitReady(READY);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    ServiceProcess dedup(int instance) {
        return dedups.get(instance - 1);
    }

    /** Replaces dedup instance {@code instance} (stopped) by the same one with {@code overrides}; not started. */
    ServiceProcess dedupWith(int instance, Map<String, String> overrides) {
        ServiceProcess changed = dedups.get(instance - 1).withEnv(overrides);
        dedups.set(instance - 1, changed);
        return changed;
    }

    ServiceProcess orders() {
        return orders;
    }

    ServiceProcess ingest() {
        return ingest;
    }

    Topics topics() {
        return topics;
    }

    /** kill -9 and start again at once, as a supervisor (compose's restart policy) does; returns when ready. */
    static void killAndRestart(ServiceProcess service) {
        service.kill();
        service.start();
        service.awaitReady(READY);
    }

    /** Killed, not stopped: the scenario's verdict is in, and its state is thrown away with its directory. */
    @Override
    public void close() {
        ingest.kill();
        if (orders != null) {
            orders.kill();
        }
        dedups.forEach(ServiceProcess::kill);
    }
}
