package dev.webhookgate.dedup.topology;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.runtime.kafka.TopicCheck;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What must be true of the topics before Streams starts; they are created by the provision step, never here. */
public final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 30;

    private TopicSetup() {
    }

    public static void prepare(DedupConfig config) {
        try (Admin admin = Admin.create(config.kafka().clientConfig(config.applicationId() + "-setup"))) {
            checkTopics(admin, config);
            growChangelogRetention(admin, config);
        }
    }

    /** The four topics the topology reads and writes; never the DLQ, which only the order-consumer uses. */
    private static void checkTopics(Admin admin, DedupConfig config) {
        Topics topics = config.topics();
        Map<String, Integer> partitions = TopicCheck.require(admin, config.kafka(),
                List.of(topics.inbound(), topics.commands(), topics.unique(), topics.duplicates()));
        TopicCheck.requireCoPartitioned(partitions, topics.inbound(), topics.commands());
    }

    /** The retention Streams gives the key store's changelog: the store's own plus its additional margin. */
    public static long changelogRetentionMs(DedupConfig config) {
        long additional = (Long) StreamsConfig.configDef().defaultValues().get(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG);
        return config.retention().toMillis() + additional;
    }

    public static String keyChangelog(DedupConfig config) {
        return config.applicationId() + "-" + DedupTopology.KEY_STORE + "-changelog";
    }

    /**
     * Streams sets {@code retention.ms} only when it creates a changelog; after a TTL increase the old value
     * would let the broker delete entries the store still needs after a restore. Only ever raised here:
     * shrinking it is safe to leave to the next creation.
     */
    static void growChangelogRetention(Admin admin, DedupConfig config) {
        String topic = keyChangelog(config);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        long wanted = changelogRetentionMs(config);
        try {
            Config current = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
            ConfigEntry retention = current.get(TopicConfig.RETENTION_MS_CONFIG);
            long now = retention == null || retention.value() == null ? -1 : Long.parseLong(retention.value());
            if (now >= 0 && now < wanted) {
                Collection<AlterConfigOp> ops = List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(wanted)), AlterConfigOp.OpType.SET));
                admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                log.info("raised retention.ms of {} from {} to {} ({}), following the longest TTL", topic, now, wanted, Duration.ofMillis(wanted));
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("could not check retention of " + topic + ": " + e.getCause().getMessage(), e);
            }
            // not created yet: Streams will create it with the right retention
        } catch (TimeoutException e) {
            throw new IllegalStateException("checking retention of " + topic + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted checking retention of " + topic, e);
        }
    }
}
