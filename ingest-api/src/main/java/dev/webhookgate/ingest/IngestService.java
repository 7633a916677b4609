package dev.webhookgate.ingest;

import dev.webhookgate.http.Metrics;
import dev.webhookgate.ingest.http.InFlight;
import dev.webhookgate.ingest.http.IngestApp;
import dev.webhookgate.ingest.publish.BrokerProbe;
import dev.webhookgate.ingest.publish.DeliveryHealth;
import dev.webhookgate.ingest.publish.KafkaPublisher;
import dev.webhookgate.ingest.publish.Publisher;
import dev.webhookgate.ingest.verdict.BatchingVerdictClient;
import dev.webhookgate.ingest.verdict.VerdictClient;
import dev.webhookgate.http.Route;
import dev.webhookgate.http.RouteListing;
import dev.webhookgate.runtime.kafka.TopicCheck;
import dev.webhookgate.runtime.tracing.Tracing;
import io.javalin.Javalin;
import java.util.List;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running ingest: producer, verdict client, broker probe and HTTP server, closed in the order that drains. */
public final class IngestService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    /** Longer than any one answer can take (5 s, docs/api.md), so a drain never cuts an answer off. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(6);

    private final Publisher publisher;
    private final VerdictClient verdicts;
    private final BrokerProbe probe;
    private final InFlight inFlight;
    private final Javalin http;
    private final Tracing tracing;
    private boolean closed;

    private IngestService(Publisher publisher, VerdictClient verdicts, BrokerProbe probe, InFlight inFlight, Javalin http,
                          Tracing tracing) {
        this.tracing = tracing;
        this.publisher = publisher;
        this.verdicts = verdicts;
        this.probe = probe;
        this.inFlight = inFlight;
        this.http = http;
    }

    public static IngestService start(IngestConfig config) {
        return start(config, Tracing.OFF);
    }

    /** @param tracing closed with the service, after the last answer */
    public static IngestService start(IngestConfig config, Tracing tracing) {
        TopicCheck.require(config.kafka(), "ingest-api-check", List.of(config.topics().inbound()));
        PrometheusMeterRegistry registry = Metrics.registry("ingest-api");
        DeliveryHealth delivery = new DeliveryHealth(config.topics().inbound());
        Publisher publisher = new KafkaPublisher(config.kafka(), config.topics(), registry, delivery);
        VerdictClient verdicts = new BatchingVerdictClient(config.dedupUrl(), config.access(), registry,
                BatchingVerdictClient.DEFAULT_BATCHES_IN_FLIGHT);
        BrokerProbe probe = new BrokerProbe(config.kafka(), config.topics().inbound(), delivery);
        InFlight inFlight = new InFlight();
        try {
            Javalin http = new IngestApp(config, publisher, verdicts, Clock.systemUTC(), registry,
                    probe::problem, inFlight, tracing).create().start();
            log.info("ingest-api listening on port {}, publishing to {} on {}, verdicts from {}", http.port(),
                    config.topics().inbound(), config.kafka(), config.dedupUrl());
            return new IngestService(publisher, verdicts, probe, inFlight, http, tracing);
        } catch (RuntimeException e) {
            publisher.close();
            verdicts.close();
            probe.close();
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
        return probe.problem() == null;
    }

    /** Stop accepting connections, let in-flight answers finish, then close the producer and the verdict client. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Connector connector : http.jettyServer().server().getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                network.close();
            }
        }
        try {
            if (!inFlight.drain(DRAIN_TIMEOUT)) {
                log.warn("requests were still in flight after {}; stopping anyway", DRAIN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop();
        publisher.close();
        verdicts.close();
        probe.close();
        tracing.close();
    }
}
