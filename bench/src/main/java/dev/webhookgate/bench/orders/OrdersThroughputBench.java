package dev.webhookgate.bench.orders;

import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.Fingerprint;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.KafkaBroker;
import dev.webhookgate.orders.OrdersConfig;
import dev.webhookgate.orders.OrdersService;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events/s from the unique topic into the PostgreSQL ledger with exactly-once effects. One in-process
 * broker; the events are produced up front, then for each (batch size, consumers, pool size) a fresh
 * service with a fresh group and a fresh schema drains them. "Drain" is timed from the first row in the
 * ledger to the last (steady state); start-up (migrations, group join) is reported apart.
 *
 * <pre>
 * java -cp "bench/target/bench.jar:bench/target/lib/*" dev.webhookgate.bench.orders.OrdersThroughputBench \
 *     events=50000 partitions=6 batch=100,500,2000 consumers=1,2 pool=3,8 \
 *     url=jdbc:postgresql://127.0.0.1:55432/ledger_test user=ledger password=ledger
 * </pre>
 */
public final class OrdersThroughputBench {

    private OrdersThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int events = Integer.parseInt(opts.getOrDefault("events", "50000"));
        int partitions = Integer.parseInt(opts.getOrDefault("partitions", "6"));
        List<Integer> batches = ints(opts.getOrDefault("batch", "100,500,2000"));
        List<Integer> consumerCounts = ints(opts.getOrDefault("consumers", "1,2"));
        List<Integer> pools = ints(opts.getOrDefault("pool", "0"));
        String url = opts.getOrDefault("url", "jdbc:postgresql://127.0.0.1:55432/ledger_test");
        String user = opts.getOrDefault("user", "ledger");
        String password = opts.getOrDefault("password", "ledger");

        try (KafkaBroker broker = KafkaBroker.create(BrokerMode.IN_PROCESS).start()) {
            Topics topics = broker.createRandomTopics(partitions);
            long produceStart = System.nanoTime();
            produce(broker.bootstrapServers(), topics, events);
            System.out.printf("produced %d events into %s (%d partitions) in %d ms%n", events, topics.unique(), partitions,
                    Duration.ofNanos(System.nanoTime() - produceStart).toMillis());
            System.out.println("| batch | consumers | pool | events | start-up s | drain s | events/s (drain) | events/s (incl. start-up) |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            double bestSingleThread = Double.NaN;
            for (int consumers : consumerCounts) {
                for (int pool : pools) {
                    int poolSize = pool == 0 ? consumers + 1 : pool;
                    if (poolSize <= consumers) {
                        continue;
                    }
                    for (int batch : batches) {
                        double rate = run(broker.bootstrapServers(), topics, url, user, password, events, batch, consumers, poolSize);
                        if (consumers == 1) {
                            // the goal is per consumer thread: the best one-thread drain rate of the run is the headline
                            bestSingleThread = Double.isNaN(bestSingleThread) ? rate : Math.max(bestSingleThread, rate);
                        }
                    }
                }
            }
            dev.webhookgate.bench.BenchResults.write("ledger", java.util.Map.of("events_per_s", bestSingleThread,
                    "database", url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2"));
        }
    }

    private static double run(String bootstrap, Topics topics, String url, String user, String password, int events,
                            int batch, int consumers, int pool) throws Exception {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String runUrl = url;
        if (postgres) {
            execute(url, user, password, "CREATE SCHEMA " + schema);
            runUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("TOPIC_PREFIX", topics.prefix());
        env.put("ORDERS_GROUP_ID", "bench-" + schema);
        env.put("LEDGER_JDBC_URL", runUrl);
        env.put("LEDGER_JDBC_USER", user);
        env.put("LEDGER_JDBC_PASSWORD", password);
        env.put("ORDERS_PORT", "0");
        env.put("ORDERS_BATCH_SIZE", Integer.toString(batch));
        env.put("ORDERS_CONSUMERS", Integer.toString(consumers));
        env.put("LEDGER_POOL_SIZE", Integer.toString(pool));
        long start = System.nanoTime();
        try (OrdersService service = OrdersService.start(OrdersConfig.from(new Env(env)));
             Connection c = DriverManager.getConnection(runUrl, user, password)) {
            long firstRow = 0;
            long done;
            while ((done = count(c)) < events) {
                if (done > 0 && firstRow == 0) {
                    firstRow = System.nanoTime();
                }
                Thread.sleep(10);
            }
            long end = System.nanoTime();
            double startup = (firstRow - start) / 1e9;
            double drain = (end - firstRow) / 1e9;
            System.out.printf("| %d | %d | %d | %d | %.2f | %.2f | %.0f | %.0f |%n", batch, consumers, pool, events, startup, drain,
                    events / drain, events / ((end - start) / 1e9));
            return events / drain;
        } finally {
            if (postgres) {
                execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** Half orders with two lines, half payments with a ledger posting: the rows a real mix writes. */
    private static void produce(String bootstrap, Topics topics, int events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        // idempotent (the default): the fixture's topic creation returns only once every partition answers ListOffsets
        try (KafkaProducer<String, WebhookEnvelope> producer =
                     new KafkaProducer<>(props, new StringSerializer(), ContractSerdes.envelope().serializer())) {
            java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
            for (int i = 0; i < events; i++) {
                String key = "bench-" + i;
                String body = i % 2 == 0
                        ? "{\"type\":\"payment.succeeded\",\"amount\":" + (100 + i % 900) + ",\"currency\":\"usd\",\"order_id\":\"o" + i + "\"}"
                        : "{\"type\":\"order.created\",\"retailer\":\"shop-" + (i % 50) + "\",\"items\":[{\"sku\":\"a\",\"quantity\":2,"
                                + "\"unit_price\":150},{\"sku\":\"b\",\"quantity\":1,\"unit_price\":99}]}";
                WebhookEnvelope e = new WebhookEnvelope(UUID.randomUUID().toString(), Provider.CUSTOM, key, Instant.now(),
                        Fingerprint.of(body.getBytes(StandardCharsets.UTF_8)), "application/json", Map.of(), body);
                producer.send(new ProducerRecord<>(topics.unique(), e.key().kafkaKey(), e), (meta, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " of " + events + " events were not written; numbers would be wrong");
            }
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM processed_events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            // the table appears once Flyway has run
            return 0;
        }
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<Integer> ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
