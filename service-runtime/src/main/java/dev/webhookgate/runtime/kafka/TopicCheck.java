package dev.webhookgate.runtime.kafka;

import dev.webhookgate.runtime.config.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What a service checks of its topics before it starts: that each one it uses exists and that it may see
 * it. Services never create topics (their principals may not); the separate {@code provision} step does,
 * run as an admin principal. Each service names only the topics it uses, so a missing DLQ stops the
 * order-consumer and nobody else.
 */
public final class TopicCheck {

    private static final int TIMEOUT_MS = 15_000;

    private TopicCheck() {
    }

    /** Returns each topic's partition count, or stops start-up with a sentence saying what is missing and what creates it. */
    public static Map<String, Integer> require(KafkaClientSettings kafka, String clientId, Collection<String> used) {
        Map<String, Object> props = kafka.clientConfig(clientId);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        try (Admin admin = Admin.create(props)) {
            return require(admin, kafka, used);
        }
    }

    public static Map<String, Integer> require(Admin admin, KafkaClientSettings kafka, Collection<String> used) {
        return require(admin, kafka, used, null);
    }

    /** @param bound the start-up bound the admin client was given, named when it runs out; null for the default */
    static Map<String, Integer> require(Admin admin, KafkaClientSettings kafka, Collection<String> used, java.time.Duration bound) {
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(used).topicNameValues();
        Map<String, Integer> partitions = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        for (String topic : used) {
            try {
                partitions.put(topic, described.get(topic).get(TIMEOUT_MS + 1000L, TimeUnit.MILLISECONDS).partitions().size());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    missing.add(topic);
                } else if (e.getCause() instanceof TopicAuthorizationException) {
                    hidden.add(topic);
                } else {
                    throw KafkaStartupCheck.fail(KafkaFailures.explain(e, kafka, bound), e);
                }
            } catch (TimeoutException e) {
                throw KafkaStartupCheck.fail(KafkaFailures.explain(e, kafka, bound), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted checking topics", e);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("Kafka at " + kafka.bootstrapServers() + " has no topic " + String.join(", ", missing)
                    + "; services do not create topics: run the provision step as an admin principal to create them"
                    + " (check TOPIC_PREFIX if they exist under another name)");
        }
        if (!hidden.isEmpty()) {
            throw new ConfigException("Kafka at " + kafka.bootstrapServers() + " does not let "
                    + kafka.username().map(u -> "User:" + u).orElse("this client") + " describe " + String.join(", ", hidden)
                    + "; grant the ACLs listed in docs/security.md (provision applies them)");
        }
        return partitions;
    }

    /**
     * A forget command must land on the partition that holds its key; Streams checks co-partitioning only
     * for joins, so a commands topic with another partition count would forget the wrong keys silently.
     */
    public static void requireCoPartitioned(Map<String, Integer> partitions, String inbound, String commands) {
        int in = partitions.get(inbound);
        int cmd = partitions.get(commands);
        if (in != cmd) {
            throw new ConfigException(commands + " has " + cmd + " partitions but " + inbound + " has " + in
                    + "; they must be equal so that a forget reaches the partition holding its key");
        }
    }
}
