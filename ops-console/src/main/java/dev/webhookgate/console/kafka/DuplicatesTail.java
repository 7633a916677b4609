package dev.webhookgate.console.kafka;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.DuplicateRecord;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The last records of the duplicates topic, read with a throw-away consumer assigned to every partition. Conflicts
 * (same key, different body: a provider bug or an attack) come first, then duplicates; newest first within each.
 */
public final class DuplicatesTail {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaClients clients;
    private final String topic;

    public DuplicatesTail(KafkaClients clients, Topics topics) {
        this.clients = clients;
        this.topic = topics.duplicates();
    }

    /** One audit record as the console shows it. */
    public record Entry(DuplicateRecord record, int partition, long offset) {
    }

    /** At most {@code perPartition} records from the end of each partition. */
    public List<Entry> read(int perPartition) {
        try (KafkaConsumer<byte[], byte[]> consumer = clients.reader()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, KafkaClients.timeout())) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KafkaClients.timeout());
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, KafkaClients.timeout());
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long from = Math.max(starts.get(tp), ends.get(tp) - perPartition);
                consumer.seek(tp, from);
                if (ends.get(tp) > from) {
                    remaining.put(tp, ends.get(tp));
                }
            }
            List<Entry> entries = new ArrayList<>();
            long deadline = System.nanoTime() + KafkaClients.timeout().toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long end = remaining.get(tp);
                    if (end == null || record.offset() >= end) {
                        continue;
                    }
                    if (record.value() != null) {
                        entries.add(new Entry(ContractJson.duplicate(record.value()), record.partition(), record.offset()));
                    }
                }
                // transaction markers take offsets too: a partition is done when the consumer's position reaches its end
                remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
            }
            entries.sort(Comparator.comparing((Entry e) -> e.record().verdict() == Verdict.CONFLICT ? 0 : 1)
                    .thenComparing((Entry e) -> e.record().envelope().receivedAt(), Comparator.reverseOrder()));
            return entries;
        } catch (KafkaException e) {
            throw new KafkaUnavailableException("Kafka did not answer the read of " + topic + ": " + e.getMessage(), e);
        }
    }
}
