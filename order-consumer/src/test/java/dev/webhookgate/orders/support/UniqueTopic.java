package dev.webhookgate.orders.support;

import dev.webhookgate.fixture.CommittedRecords;
import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.DeadLetter;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes envelopes to the unique topic the way dedup-streams does, and reads back the dead letters. */
public final class UniqueTopic implements AutoCloseable {

    private final String bootstrapServers;
    private final Topics topics;
    private final KafkaProducer<String, WebhookEnvelope> producer;

    public UniqueTopic(String bootstrapServers, Topics topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Idempotent, as dedup-streams' own producer is: topics come from the fixture, which returns only once the
        // broker leads every partition, so a fresh partition no longer answers NOT_LEADER_OR_FOLLOWER to the first send.
        this.producer = new KafkaProducer<>(props, new StringSerializer(), ContractSerdes.envelope().serializer());
    }

    public void send(WebhookEnvelope... envelopes) {
        send(List.of(envelopes));
    }

    public void send(List<WebhookEnvelope> envelopes) {
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
        for (WebhookEnvelope e : envelopes) {
            sends.add(producer.send(new ProducerRecord<>(topics.unique(), e.key().kafkaKey(), e)));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> send : sends) {
            try {
                send.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("an input event was not written to " + topics.unique(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A record that is not an envelope at all, as a broken upstream could write it. */
    public void sendRaw(String key, byte[] value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.unique(), key, value)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("raw record not written", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The dead-letter topic's records as bytes, with their {@code error} header, up to {@code expected} of them. */
    public List<Map.Entry<byte[], String>> rawDeadLetters(int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Map.Entry<byte[], String>> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.dlq()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    var error = record.headers().lastHeader("error");
                    letters.add(Map.entry(record.value(), error == null ? "" : new String(error.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return letters;
    }

    /** Reads the dead-letter topic from the start until {@code expected} letters arrived or 30 s passed. */
    public List<DeadLetter> deadLetters(int expected) {
        // everything committed once expected are there, so a letter written twice shows up as one too many
        return CommittedRecords.awaitAtLeast(bootstrapServers, topics.dlq(), ContractSerdes.deadLetter().deserializer(), expected,
                Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
