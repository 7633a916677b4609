package dev.webhookgate.runtime.kafka;

import dev.webhookgate.contract.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the product's topics ({@link Topics}, listed in docs/api.md) and checks the one invariant Streams does not check for us. */
public final class TopicProvisioner {

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /** {@code replicationFactor <= 0} takes the broker's {@code default.replication.factor}. */
    public void ensureTopics(Topics topics, int partitions, short replicationFactor) {
        Optional<Short> replication = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
        List<NewTopic> wanted = new ArrayList<>();
        for (String name : topics.all()) {
            wanted.add(new NewTopic(name, Optional.of(partitions), replication)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES))));
        }
        try {
            admin.createTopics(wanted).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("creating topic " + name + " timed out", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted creating topic " + name, e);
                }
            });
        } finally {
            verifyCoPartitioned(topics);
        }
        awaitLeaders(topics);
    }

    /** The same check the dedup service makes at start-up ({@link TopicCheck#requireCoPartitioned}), right after creating. */
    public void verifyCoPartitioned(Topics topics) {
        Map<String, TopicDescription> described = describeJustCreated(topics);
        TopicCheck.requireCoPartitioned(Map.of(topics.inbound(), described.get(topics.inbound()).partitions().size(),
                topics.commands(), described.get(topics.commands()).partitions().size()), topics.inbound(), topics.commands());
    }

    /**
     * Returns once the broker leads every partition of the five topics. Right after a create, the
     * controller has elected leaders that the broker's own metadata does not show yet; a producer writing
     * then gets NOT_LEADER_OR_FOLLOWER, and an idempotent one can end a batch in OUT_OF_ORDER_SEQUENCE.
     * A successful ListOffsets on every partition is the broker itself saying "I lead this".
     */
    public void awaitLeaders(Topics topics) {
        Map<String, TopicDescription> described = untilMetadataSettles("describe " + topics.all(),
                () -> admin.describeTopics(topics.all()).allTopicNames().get(30, TimeUnit.SECONDS));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(
                partition -> latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        untilMetadataSettles("list offsets of " + topics.all(), () -> admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS));
    }

    private Map<String, TopicDescription> describeJustCreated(Topics topics) {
        return untilMetadataSettles("describe " + topics.inbound() + " and " + topics.commands(),
                () -> admin.describeTopics(Set.of(topics.inbound(), topics.commands())).allTopicNames().get(30, TimeUnit.SECONDS));
    }

    private interface AdminCall<T> {
        T call() throws ExecutionException, TimeoutException, InterruptedException;
    }

    /**
     * A topic created a moment ago can be unknown to, or not yet led by, the broker that answers; those
     * answers are retried for a bounded time, anything else is reported at once.
     */
    private static <T> T untilMetadataSettles(String what, AdminCall<T> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return call.call();
            } catch (ExecutionException e) {
                boolean settling = e.getCause() instanceof UnknownTopicOrPartitionException
                        || e.getCause() instanceof NotLeaderOrFollowerException
                        || e.getCause() instanceof LeaderNotAvailableException;
                if (!settling || System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
                }
                pauseBeforeRetry();
            } catch (TimeoutException e) {
                throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + what, e);
            }
        }
    }

    private static void pauseBeforeRetry() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for topic metadata", e);
        }
    }
}
