package dev.webhookgate.console.kafka;

import dev.webhookgate.contract.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each consumer group is behind on each of the gateway's topics, from Kafka's Admin API: the sum over
 * partitions of the latest offset minus the group's committed one. Groups on other topics are left out.
 */
public final class ConsumerLag {

    private final Admin admin;
    private final Set<String> topics;

    public ConsumerLag(KafkaClients clients, Topics topics) {
        this.admin = clients.admin();
        this.topics = Set.copyOf(topics.all());
    }

    /** One group on one topic. A partition the group never committed counts from its start. */
    public record Row(String group, String topic, int partitions, long committed, long end, long lag) {
    }

    public List<Row> read() {
        try {
            List<String> groups = admin.listGroups().all().get(timeoutMs(), TimeUnit.MILLISECONDS).stream()
                    .map(GroupListing::groupId).sorted().toList();
            if (groups.isEmpty()) {
                return List.of();
            }
            Map<String, ListConsumerGroupOffsetsSpec> specs = groups.stream()
                    .collect(Collectors.toMap(g -> g, g -> new ListConsumerGroupOffsetsSpec()));
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(specs).all()
                    .get(timeoutMs(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            committed.values().forEach(offsets -> offsets.keySet().stream()
                    .filter(tp -> topics.contains(tp.topic()))
                    .forEach(tp -> wanted.put(tp, OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = wanted.isEmpty() ? Map.of()
                    : admin.listOffsets(wanted).all().get(timeoutMs(), TimeUnit.MILLISECONDS);
            List<Row> rows = new ArrayList<>();
            for (String group : groups) {
                Map<String, long[]> byTopic = new TreeMap<>();
                committed.getOrDefault(group, Map.of()).forEach((tp, offset) -> {
                    if (!topics.contains(tp.topic()) || offset == null) {
                        return;
                    }
                    long end = ends.get(tp).offset();
                    long[] sums = byTopic.computeIfAbsent(tp.topic(), t -> new long[3]);
                    sums[0]++;
                    sums[1] += offset.offset();
                    sums[2] += end;
                });
                byTopic.forEach((topic, sums) -> rows.add(new Row(group, topic, (int) sums[0], sums[1], sums[2], Math.max(0, sums[2] - sums[1]))));
            }
            rows.sort(Comparator.comparing(Row::topic).thenComparing(Row::group));
            return rows;
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not answer the consumer-lag query: " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted reading consumer lag", e);
        }
    }

    private static long timeoutMs() {
        return KafkaClients.timeout().toMillis();
    }
}
