package dev.webhookgate.dedup.ops;

import dev.webhookgate.dedup.lookup.PositionMark;
import dev.webhookgate.contract.Command;
import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes forget commands. The key is the inbound key, and commands has inbound's partition count, so
 * the command reaches the task that holds the key; the returned mark is where that task must get to.
 */
public final class ForgetCommands implements AutoCloseable {

    private final KafkaProducer<String, Command> producer;
    private final Topics topics;

    public ForgetCommands(KafkaClientSettings kafka, String clientId, Topics topics) {
        Properties props = kafka.clientProperties(clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(props, ContractSerdes.key().serializer(), ContractSerdes.command().serializer());
        this.topics = topics;
    }

    public CompletableFuture<PositionMark> forget(DedupKey key) {
        CompletableFuture<PositionMark> written = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topics.commands(), key.kafkaKey(), Command.FORGET), (metadata, error) -> {
            if (error != null) {
                written.completeExceptionally(new CommandNotWrittenException("Kafka did not take the forget command: " + error.getMessage()));
            } else {
                written.complete(new PositionMark(metadata.topic(), metadata.partition(), metadata.offset()));
            }
        });
        return written;
    }

    /**
     * Inbound's partition count: commands has the same (checked at start-up). The producer's metadata is cached,
     * so this costs a lookup once, not a broker round trip per call.
     */
    public int partitionCount() {
        try {
            return producer.partitionsFor(topics.commands()).size();
        } catch (RuntimeException e) {
            throw new CommandNotWrittenException("Kafka did not say how many partitions " + topics.commands() + " has: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
