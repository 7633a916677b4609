package dev.webhookgate.orders.consume;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.DeadLetter;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import dev.webhookgate.runtime.kafka.TopicProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes dead letters and waits for {@code acks=all} before returning, because the outcome row that
 * follows claims the letter exists. Records that are not envelopes at all are forwarded byte for byte
 * with the error in a header: there is no event id to give them a row.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    /** Within readiness's 2 s between checks, so a dead broker's answer is never more than a check late. */
    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaProducer<String, byte[]> producer;
    private final TopicProbe topicProbe;
    private final String topic;
    /** Null while the producer can reach the topic and its last letters were taken; else why not. */
    private volatile String problem = "the dead-letter producer has not reached its topic yet";

    public DeadLetterPublisher(KafkaClientSettings kafka, String topic, String clientId) {
        Properties props = kafka.clientProperties(clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        // A dead letter carries the whole body (up to MAX_BODY_BYTES, more once escaped): past the 1 MiB default.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        try {
            this.topicProbe = new TopicProbe(kafka, clientId + "-probe", topic, DESCRIBE_TIMEOUT);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /** Sends every letter and returns once all are acknowledged; throws if any was not. */
    public void publish(List<DeadLetter> letters, List<RawDeadLetter> raw) {
        if (letters.isEmpty() && raw.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        var serializer = ContractSerdes.deadLetter().serializer();
        for (DeadLetter letter : letters) {
            sends.add(producer.send(new ProducerRecord<>(topic, letter.envelope().key().kafkaKey(), serializer.serialize(topic, letter))));
        }
        for (RawDeadLetter letter : raw) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, letter.key(), letter.value());
            record.headers().add(new RecordHeader("error", letter.error().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            sends.add(producer.send(record));
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeadLetterUnavailableException("interrupted while writing dead letters", e);
            } catch (ExecutionException | TimeoutException e) {
                problem = "the dead-letter producer could not write to " + topic + ": " + e.getCause();
                throw new DeadLetterUnavailableException("the dead-letter topic " + topic + " did not take a record: " + e, e);
            }
        }
        problem = null;
    }

    /**
     * Asks a broker afresh whether the topic exists (a topic deleted while the service runs), then the producer
     * for its partitions: a producer that cannot connect, log in, or see the topic fails this within
     * max.block.ms. Called in the background for readiness, never on the consumer thread.
     */
    public void checkUsable() {
        String topicProblem = topicProbe.problem();
        if (topicProblem != null) {
            problem = "the dead-letter producer cannot reach " + topic + ": " + topicProblem;
            return;
        }
        try {
            producer.partitionsFor(topic);
            problem = null;
        } catch (RuntimeException e) {
            problem = "the dead-letter producer cannot reach " + topic + ": " + e.getMessage();
        }
    }

    /** Null when usable, else why not (the last check's or the last failed write's reason). */
    public String problem() {
        return problem;
    }

    /** A record on the unique topic that is not an envelope: forwarded as it came. */
    public record RawDeadLetter(String key, byte[] value, String error) {
    }

    @Override
    public void close() {
        topicProbe.close();
        producer.close(Duration.ofSeconds(5));
    }
}
