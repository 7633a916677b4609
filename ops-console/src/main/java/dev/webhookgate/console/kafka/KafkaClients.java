package dev.webhookgate.console.kafka;

import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every Kafka client of the console is made here, from {@link KafkaClientSettings}, so that security settings reach
 * each one. One admin client lives as long as the console; a consumer is made per read of the duplicates topic.
 */
public final class KafkaClients implements AutoCloseable {

    private static final int TIMEOUT_MS = 5000;

    private final KafkaClientSettings settings;
    private final Admin admin;

    public KafkaClients(KafkaClientSettings settings) {
        this.settings = settings;
        Map<String, Object> config = settings.clientConfig("ops-console-admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.admin = Admin.create(config);
    }

    public Admin admin() {
        return admin;
    }

    /** A consumer without a group: it is assigned partitions by hand and never commits. */
    public KafkaConsumer<byte[], byte[]> reader() {
        Map<String, Object> config = settings.clientConfig("ops-console-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // dedup-streams writes the duplicates topic in transactions: only what it committed is the audit trail
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static Duration timeout() {
        return Duration.ofMillis(TIMEOUT_MS);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
