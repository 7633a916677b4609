package dev.webhookgate.console;

import dev.webhookgate.console.http.ConsoleApp;
import dev.webhookgate.console.http.Upstreams;
import dev.webhookgate.console.kafka.ConsumerLag;
import dev.webhookgate.console.kafka.DuplicatesTail;
import dev.webhookgate.console.kafka.KafkaClients;
import dev.webhookgate.http.Route;
import dev.webhookgate.http.RouteListing;
import io.javalin.Javalin;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console as one running thing: its Kafka clients and its HTTP server. */
public final class ConsoleService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsoleService.class);

    private final KafkaClients kafka;
    private final Javalin http;

    private ConsoleService(KafkaClients kafka, Javalin http) {
        this.kafka = kafka;
        this.http = http;
    }

    public static ConsoleService start(ConsoleConfig config) {
        KafkaClients kafka = new KafkaClients(config.kafka());
        try {
            Javalin http = ConsoleApp.create(Upstreams.of(config), new ConsumerLag(kafka, config.topics()),
                    new DuplicatesTail(kafka, config.topics()), config.access());
            http.start(config.port());
            log.info("ops console on port {} (ingest {}, dedup {}, orders {})", http.port(), config.ingestUrl(), config.dedupUrl(),
                    config.ordersUrl());
            return new ConsoleService(kafka, http);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** The endpoints the console's router serves. */
    public List<Route> routes() {
        return RouteListing.of(http);
    }

    @Override
    public void close() {
        http.stop();
        kafka.close();
    }
}
