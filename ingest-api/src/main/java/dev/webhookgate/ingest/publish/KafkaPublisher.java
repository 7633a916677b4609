package dev.webhookgate.ingest.publish;

import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.ingest.AnswerDeadline;
import dev.webhookgate.runtime.tracing.KafkaTraceHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes to {@code <prefix>.inbound} keyed {@code provider:key}, so every delivery of a key lands on one
 * partition and the partition order decides which came first.
 *
 * <p>{@code send()} can block up to max.block.ms while metadata is missing (broker away). It runs on one
 * thread of its own with a bounded queue, so no Jetty thread waits on Kafka and a long outage turns into
 * fast 503s instead of a growing backlog. A record whose request has run out of time while it queued is
 * dropped there, not sent: its request is answered 503 (docs/api.md), and a record sent after that answer
 * would be stored and processed behind the provider's back.
 */
public final class KafkaPublisher implements Publisher {

    private static final int QUEUE_CAPACITY = 10_000;
    /**
     * A record is dropped this long before its request's wait ends, not at that instant: the 503 timer fires
     * at the deadline or later, never earlier, so no record is handed over after its request got its 503.
     */
    static final Duration HAND_OVER_GUARD = Duration.ofMillis(50);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Counter dropped;
    private final DeliveryHealth health;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> new Thread(r, "ingest-kafka-send"));

    /** Without a readiness that listens (the benchmarks' servers). */
    public KafkaPublisher(KafkaClientSettings kafka, Topics topics, MeterRegistry registry) {
        this(kafka, topics, registry, new DeliveryHealth(topics.inbound()));
    }

    /** @param health told of every send's outcome, for readiness */
    public KafkaPublisher(KafkaClientSettings kafka, Topics topics, MeterRegistry registry, DeliveryHealth health) {
        this(new KafkaProducer<>(ProducerSettings.of(kafka)), topics, registry, health);
    }

    KafkaPublisher(Producer<String, byte[]> producer, Topics topics, MeterRegistry registry, DeliveryHealth health) {
        this.producer = producer;
        this.topic = topics.inbound();
        this.health = health;
        this.dropped = Counter.builder("ingest_publish_dropped")
                .description("Records never sent because their request was answered 503 while they waited for the send thread")
                .register(registry);
    }

    @Override
    public CompletableFuture<RecordPosition> publish(WebhookEnvelope envelope, AnswerDeadline deadline, Context trace) {
        CompletableFuture<RecordPosition> result = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, envelope.key().kafkaKey(), ContractJson.envelope(envelope));
        if (trace != null) {
            KafkaTraceHeaders.inject(trace, record.headers());
        }
        try {
            sender.execute(() -> send(record, deadline, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the send queue is full (" + QUEUE_CAPACITY + " waiting)", e));
        }
        return result;
    }

    @Override
    public String topic() {
        return topic;
    }

    private void send(ProducerRecord<String, byte[]> record, AnswerDeadline deadline, CompletableFuture<RecordPosition> result) {
        if (deadline.left().compareTo(HAND_OVER_GUARD) < 0) {
            dropped.increment();
            result.completeExceptionally(new NotSentException("the request ran out of time waiting for the send thread"));
            return;
        }
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    health.failed(error);
                    result.completeExceptionally(error);
                } else {
                    health.delivered();
                    result.complete(new RecordPosition(metadata.partition(), metadata.offset()));
                }
            });
        } catch (RuntimeException e) {
            // send() itself throws when metadata does not come within max.block.ms: the producer cannot deliver
            health.failed(e);
            result.completeExceptionally(e);
        }
    }

    /** In-flight sends finish first: their callers may still be waiting to answer a provider. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(ProducerSettings.MAX_BLOCK.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofMillis(ProducerSettings.DELIVERY_TIMEOUT.toMillis()));
    }

    /** The record was dropped before the producer saw it. */
    static final class NotSentException extends RuntimeException {
        NotSentException(String message) {
            super(message, null, false, false);
        }
    }
}
