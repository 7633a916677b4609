package dev.webhookgate.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions of a topic each instance of a service holds, as the broker's group coordinator sees it:
 * the ground truth a service's own view could only repeat. Instances are told apart by their static member
 * ids ({@code DEDUP_INSTANCE_ID}, {@code ORDERS_INSTANCE_ID}), to which Streams and order-consumer append a
 * thread index ({@code <id>-<n>}), so one instance's threads count as one.
 */
final class GroupOwnership {

    /** One instance's share: its partitions of the topic, and how many member threads it has in the group. */
    record Share(List<Integer> partitions, int threads) {
    }

    private GroupOwnership() {
    }

    /**
     * Waits (up to {@code timeout}) for the group to be stable with every instance in it, then reads the shares;
     * a group still rebalancing when the time is up is reported as it stands.
     */
    static Map<String, Share> read(Admin admin, String groupId, String topic, List<String> instanceIds, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get();
            Map<String, Share> shares = shares(group, topic, instanceIds);
            boolean complete = group.groupState() == GroupState.STABLE && shares.values().stream().allMatch(s -> s.threads() > 0);
            if (complete || System.nanoTime() > deadline) {
                return shares;
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, Share> shares(ConsumerGroupDescription group, String topic, List<String> instanceIds) {
        Map<String, Share> shares = new LinkedHashMap<>();
        for (String id : instanceIds) {
            List<Integer> partitions = new ArrayList<>();
            int threads = 0;
            for (MemberDescription member : group.members()) {
                Optional<String> memberId = member.groupInstanceId();
                if (memberId.isPresent() && memberId.get().startsWith(id + "-")) {
                    threads++;
                    member.assignment().topicPartitions().stream()
                            .filter(tp -> tp.topic().equals(topic)).map(TopicPartition::partition).forEach(partitions::add);
                }
            }
            partitions.sort(Integer::compare);
            shares.put(id, new Share(partitions, threads));
        }
        return shares;
    }
}
