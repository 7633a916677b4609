package dev.webhookgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything committed to a topic right now: what a read_committed consumer (the ledger) would ever see of it. */
final class CommittedRecords {

    private CommittedRecords() {
    }

    static <V> List<ConsumerRecord<String, V>> read(String bootstrapServers, String topic, Deserializer<V> values, Duration within) {
        return read(KafkaClientSettings.plaintext(bootstrapServers), topic, values, within);
    }

    /** As {@code kafka}'s principal, which must be allowed to read {@code topic}. */
    static <V> List<ConsumerRecord<String, V>> read(KafkaClientSettings kafka, String topic, Deserializer<V> values, Duration within) {
        Map<String, Object> props = kafka.clientConfig("committed-records");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end offsets are the last stable offsets: all that is or will ever be visible now.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + within.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("reading %s to its end", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
