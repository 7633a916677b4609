package dev.webhookgate.localstack;

import dev.webhookgate.console.ConsoleConfig;
import dev.webhookgate.console.ConsoleService;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.runtime.ServiceMain;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.dedup.DedupService;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.Directories;
import dev.webhookgate.fixture.KafkaBroker;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.ingest.IngestService;
import dev.webhookgate.orders.OrdersConfig;
import dev.webhookgate.orders.OrdersService;
import dev.webhookgate.orders.mapping.EventMapper;
import dev.webhookgate.orders.mapping.EventMapping;
import dev.webhookgate.runtime.kafka.Provision;
import dev.webhookgate.runtime.tracing.Tracing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import dev.webhookgate.http.Route;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole product in one JVM: a real embedded KRaft broker (or a Kafka given with {@code --kafka-bootstrap}),
 * dedup-streams, order-consumer, ingest-api and the ops console, each started exactly as its own {@code main} would start it,
 * only with addresses filled in.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final String bootstrapServers;
    private final DedupService dedup;
    private final OrdersService orders;
    private final IngestService ingest;
    private final ConsoleService console;
    private final String ordersGroupId;

    private LocalStack(LocalStackOptions options, EventMapping mapping) {
        Path dataDir = options.dataDir();
        if (options.fresh()) {
            Directories.deleteRecursively(dataDir);
        }
        try {
            Env env = options.serviceEnv().with("DATA_DIR", dataDir.toString())
                    .with("TOPIC_PARTITIONS", String.valueOf(options.partitions()));
            if (options.externalKafka().isPresent()) {
                env = env.with("KAFKA_BOOTSTRAP_SERVERS", options.externalKafka().get());
            } else {
                KafkaBroker broker = KafkaBroker.persistent(BrokerMode.IN_PROCESS, dataDir.resolve("kafka"), options.kafkaPort(),
                        LocalBrokerSettings.IDLE_FRIENDLY).start();
                started.push(broker::stop);
                env = env.with("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            }
            bootstrapServers = env.string("KAFKA_BOOTSTRAP_SERVERS", "");
            // The services only check their topics, as in production; the launcher runs the provision step for
            // the user, with the one principal it was given (creating only what is missing).
            log.info(Provision.from(env).run());

            dedup = DedupService.start(DedupConfig.from(env), Tracing.from(env, "dedup-streams"));
            started.push(dedup);
            OrdersConfig ordersConfig = OrdersConfig.from(env);
            ordersGroupId = ordersConfig.groupId();
            orders = OrdersService.start(ordersConfig, mapping, Tracing.from(env, "order-consumer"));
            started.push(orders);
            // The ingest starts last and learns where the dedup instance really listens (its port may be 0 = any).
            ingest = IngestService.start(IngestConfig.from(env.with("DEDUP_URL", "http://127.0.0.1:" + dedup.port())),
                    Tracing.from(env, "ingest-api"));
            started.push(ingest);
            // The console only calls the others; it learns their real ports the same way.
            console = ConsoleService.start(ConsoleConfig.from(env
                    .with("INGEST_URL", "http://127.0.0.1:" + ingest.port())
                    .with("DEDUP_URL", "http://127.0.0.1:" + dedup.port())
                    .with("ORDERS_URL", "http://127.0.0.1:" + orders.port())));
            started.push(console);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static LocalStack start(LocalStackOptions options) {
        return new LocalStack(options, new EventMapper());
    }

    /** With the order consumer's mapping replaced: for tests that deploy a "mapping fix" and redrive its dead letters. */
    public static LocalStack start(LocalStackOptions options, EventMapping mapping) {
        return new LocalStack(options, mapping);
    }

    public LocalStack awaitReady() {
        awaitReady("dedup-streams", dedup::isReady);
        awaitReady("order-consumer", orders::isReady);
        awaitReady("ingest-api", ingest::isReady);
        return this;
    }

    public int ingestPort() {
        return ingest.port();
    }

    public int dedupPort() {
        return dedup.port();
    }

    public int ordersPort() {
        return orders.port();
    }

    /** The order consumer's group, as the console's lag table names it. */
    public String ordersGroupId() {
        return ordersGroupId;
    }

    public int consolePort() {
        return console.port();
    }

    /** One HTTP service of the stack: its name, where it listens, and the routes its router serves. */
    public record HttpService(String name, int port, List<Route> routes) {
    }

    /** Every HTTP service this stack runs; whatever walks all routes (the access walk) starts here, so a new service belongs in this list. */
    public List<HttpService> httpServices() {
        return List.of(new HttpService("ingest-api", ingest.port(), ingest.routes()),
                new HttpService("dedup-streams", dedup.port(), dedup.routes()),
                new HttpService("order-consumer", orders.port(), orders.routes()),
                new HttpService("ops-console", console.port(), console.routes()));
    }

    public String kafkaBootstrapServers() {
        return bootstrapServers;
    }

    /** Stops in reverse start order: the ingest stops taking webhooks before anything behind it goes away. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.error("stopping {} failed; continuing with the rest", next, e);
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceMain.run("local-stack", env -> {
            LocalStackOptions options = LocalStackOptions.parse(args, env);
            LocalStack stack = start(options).awaitReady();
            System.out.println(banner(stack, options));
            return stack;
        });
    }

    private static String banner(LocalStack stack, LocalStackOptions options) {
        return """

                Webhook idempotency gateway is up (data in %s)
                  ingest-api      http://localhost:%d   POST /api/v1/webhooks/{provider}, POST /api/v1/whatsapp/webhook
                  dedup-streams   http://localhost:%d   GET  /api/v1/idempotency/stats
                  order-consumer  http://localhost:%d   GET  /api/v1/orders, GET /api/v1/dlq
                  ops-console     http://localhost:%d   open it in a browser
                  kafka           %s

                Try it:
                  curl -i -X POST http://localhost:%d/api/v1/whatsapp/webhook \\
                    -H "X-Idempotency-Key: 550e8400-e29b-41d4-a716-446655440000" \\
                    -H "Content-Type: application/json" \\
                    -d '{"From": "whatsapp:+9779800000000", "Body": "Order 10 apples"}'
                  curl http://localhost:%d/api/v1/orders

                Ctrl-C stops everything.
                """.formatted(options.dataDir(), stack.ingestPort(), stack.dedupPort(), stack.ordersPort(),
                stack.consolePort(), stack.kafkaBootstrapServers(), stack.ingestPort(), stack.ordersPort());
    }

    private void awaitReady(String name, BooleanSupplier ready) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within " + READY_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
        }
    }
}
