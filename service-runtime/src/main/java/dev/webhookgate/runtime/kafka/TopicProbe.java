package dev.webhookgate.runtime.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Readiness's look at one topic while the service runs: does it exist and may this principal see it, asked of
 * a broker each time. A producer's {@code partitionsFor} answers from its metadata cache, so a topic deleted
 * after start-up stays invisible to it for {@code metadata.max.age.ms} (5 minutes); an admin
 * {@code describeTopics} is a fresh metadata request. Needs DESCRIBE on the topic ({@link KafkaAccess}).
 * {@link #problem()} blocks up to its timeout: call it off the request path, or cache its answer.
 */
public final class TopicProbe implements AutoCloseable {

    private final Admin admin;
    private final String topic;
    private final Duration timeout;

    public TopicProbe(KafkaClientSettings kafka, String clientId, String topic, Duration timeout) {
        Map<String, Object> props = kafka.clientConfig(clientId);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(props);
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Null when a broker describes the topic; else a sentence naming the topic and what went wrong. */
    public String problem() {
        try {
            admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .topicNameValues().get(topic).get(timeout.toMillis() + 200, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return "topic " + topic + " does not exist";
            }
            if (e.getCause() instanceof TopicAuthorizationException) {
                return "topic " + topic + " may not be described by this principal";
            }
            return "Kafka did not describe topic " + topic + ": " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "Kafka did not describe topic " + topic + " within " + timeout.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while describing topic " + topic;
        }
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
