package dev.webhookgate.ingest.publish;

import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import dev.webhookgate.runtime.kafka.TopicProbe;
import java.time.Duration;

/**
 * Readiness: can the ingest put a delivery on its topic right now. A broker must describe the inbound topic
 * (a fresh metadata request with the service's settings: reachable, logged in, topic present and visible),
 * and the producer must not have failed its recent sends ({@link DeliveryHealth}). The broker's answer is
 * cached briefly so that a load balancer polling hard does not turn into a request per poll against the
 * cluster.
 */
public final class BrokerProbe implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    private static final Duration CACHE = Duration.ofMillis(1000);

    private final TopicProbe topic;
    private final DeliveryHealth delivery;
    private String lastProblem = "not probed yet";
    private long lastProbeNanos;
    private boolean probed;

    public BrokerProbe(KafkaClientSettings kafka, String inbound, DeliveryHealth delivery) {
        this.topic = new TopicProbe(kafka, "ingest-api-probe", inbound, TIMEOUT);
        this.delivery = delivery;
    }

    /** Null when a broker describes the topic and the producer delivers, else a sentence saying what failed. */
    public String problem() {
        String kafka = probe();
        return kafka != null ? kafka : delivery.problem();
    }

    private synchronized String probe() {
        if (probed && System.nanoTime() - lastProbeNanos < CACHE.toNanos()) {
            return lastProblem;
        }
        String problem = topic.problem();
        lastProblem = problem == null ? null : "Kafka is not usable: " + problem;
        lastProbeNanos = System.nanoTime();
        probed = true;
        return lastProblem;
    }

    @Override
    public void close() {
        topic.close();
    }
}
