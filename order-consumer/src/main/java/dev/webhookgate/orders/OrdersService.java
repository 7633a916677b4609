package dev.webhookgate.orders;

import dev.webhookgate.http.Metrics;
import dev.webhookgate.orders.consume.DeadLetterPublisher;
import dev.webhookgate.orders.consume.OrderConsumerLoop;
import dev.webhookgate.orders.consume.SupervisedWorker;
import dev.webhookgate.orders.http.OrdersApi;
import dev.webhookgate.orders.ledger.BalanceGauge;
import dev.webhookgate.orders.ledger.LedgerDatabase;
import dev.webhookgate.orders.ledger.LedgerReader;
import dev.webhookgate.orders.ledger.LedgerWriter;
import dev.webhookgate.orders.mapping.EventMapper;
import dev.webhookgate.http.Route;
import dev.webhookgate.http.RouteListing;
import dev.webhookgate.orders.mapping.EventMapping;
import dev.webhookgate.orders.redrive.Redriver;
import dev.webhookgate.runtime.kafka.TopicCheck;
import dev.webhookgate.runtime.tracing.Tracing;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order consumer as one running thing: migrated ledger, read API, and the consumer threads.
 * {@link #close()} stops the consumers first, so every batch either committed or rolled back as a whole.
 */
public final class OrdersService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrdersService.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration RESTART_FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration RESTART_MAX_BACKOFF = Duration.ofSeconds(30);

    private final LedgerDatabase database;
    private final DeadLetterPublisher deadLetters;
    private final List<SupervisedWorker> loops;
    private final List<Thread> threads;
    private final Javalin http;
    private final Readiness readiness;
    private final Tracing tracing;

    private OrdersService(LedgerDatabase database, DeadLetterPublisher deadLetters, List<SupervisedWorker> loops,
                          List<Thread> threads, Javalin http, Readiness readiness, Tracing tracing) {
        this.tracing = tracing;
        this.database = database;
        this.deadLetters = deadLetters;
        this.loops = loops;
        this.threads = threads;
        this.http = http;
        this.readiness = readiness;
    }

    public static OrdersService start(OrdersConfig config) {
        return start(config, new EventMapper());
    }

    /** With a mapping of the caller's: the consumer and the dead-letter redrive both run it. */
    public static OrdersService start(OrdersConfig config, EventMapping mapper) {
        return start(config, mapper, Tracing.OFF);
    }

    /** @param tracing closed with the service, after the consumers */
    public static OrdersService start(OrdersConfig config, EventMapping mapper, Tracing tracing) {
        TopicCheck.require(config.kafka(), config.groupId() + "-check", List.of(config.topics().unique(), config.topics().dlq()));
        PrometheusMeterRegistry registry = Metrics.registry("order-consumer");
        LedgerDatabase database = LedgerDatabase.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), config.poolSize());
        DeadLetterPublisher deadLetters = null;
        Javalin http = null;
        Readiness readiness = null;
        List<SupervisedWorker> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            deadLetters = new DeadLetterPublisher(config.kafka(), config.topics().dlq(), config.groupId() + "-dlq");
            LedgerWriter writer = new LedgerWriter(database.dataSource(), Clock.systemUTC());
            for (int i = 0; i < config.consumers(); i++) {
                int index = i;
                OrderConsumerLoop.Settings settings = new OrderConsumerLoop.Settings(config.kafka(), config.topics().unique(),
                        config.groupId(), config.groupId() + "-" + i, config.batchSize(), config.instanceId().map(id -> id + "-" + index),
                        config.kafkaMetricsRefresh());
                DeadLetterPublisher dlq = deadLetters;
                loops.add(new SupervisedWorker("orders-consumer-" + i,
                        () -> new OrderConsumerLoop(settings, mapper, writer, dlq, Clock.systemUTC(), registry, tracing),
                        RESTART_FIRST_BACKOFF, RESTART_MAX_BACKOFF, registry));
            }
            Gauge.builder("orders.partitions.paused", loops, ls -> ls.stream().filter(SupervisedWorker::isPaused).count())
                    .description("consumer threads whose partitions are paused for a ledger outage").register(registry);
            BalanceGauge.register(registry, new LedgerReader(database.dataSource()), Clock.systemUTC());
            List<SupervisedWorker> running = List.copyOf(loops);
            readiness = new Readiness(running, deadLetters, writer).start();
            LedgerReader reader = new LedgerReader(database.dataSource());
            http = new OrdersApi(reader, new Redriver(reader, writer, mapper))
                    .create(config.port(), config.access(), readiness::problem, registry)
                    .start();
            for (int i = 0; i < loops.size(); i++) {
                Thread thread = new Thread(loops.get(i), "orders-consumer-" + i);
                thread.start();
                threads.add(thread);
            }
            log.info("order consumer reading {} into the ledger, API on port {}, {}", config.topics().unique(), http.port(), config.kafka());
            return new OrdersService(database, deadLetters, running, threads, http, readiness, tracing);
        } catch (RuntimeException e) {
            loops.forEach(SupervisedWorker::stop);
            if (readiness != null) {
                readiness.close();
            }
            if (http != null) {
                http.stop();
            }
            if (deadLetters != null) {
                deadLetters.close();
            }
            database.close();
            tracing.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** The endpoints this service serves, from its router (the access walk and API drift checks read them). */
    public List<Route> routes() {
        return RouteListing.of(http);
    }

    public boolean isReady() {
        return readiness.problem() == null;
    }

    @Override
    public void close() {
        readiness.close();
        loops.forEach(SupervisedWorker::stop);
        for (Thread thread : threads) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        deadLetters.close();
        http.stop();
        database.close();
        tracing.close();
    }
}
