package dev.webhookgate.dedup;

import dev.webhookgate.dedup.topology.DedupTopology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class DedupConfigTest {

    @Test
    void defaultsFollowTheContract() {
        DedupConfig config = DedupConfig.from(new Env(Map.of()));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.topics().inbound()).isEqualTo("webhooks.inbound");
        assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(config.applicationId()).isEqualTo("webhookgate-dedup");
        assertThat(config.stateDir()).isEqualTo(Path.of("./data").resolve("streams"));
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.advertisedUrl()).isEmpty();
        assertThat(config.replicationFactor()).isLessThanOrEqualTo((short) 0);
        // standard's 4-day retry window is the longest default TTL
        assertThat(config.retention()).isEqualTo(Duration.ofDays(4).plus(DedupConfig.GRACE));
    }

    @Test
    void retentionFollowsTheLongestConfiguredTtl() {
        DedupConfig config = DedupConfig.from(new Env(Map.of("IDEMPOTENCY_TTL_GITHUB", "P10D")));

        assertThat(config.retention()).isEqualTo(Duration.ofDays(10).plus(DedupConfig.GRACE));
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> DedupConfig.from(new Env(Map.of("PROCESSING_GUARANTEE", "exactly_once"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PROCESSING_GUARANTEE must be");
        assertThatThrownBy(() -> DedupConfig.from(new Env(Map.of("DEDUP_ADVERTISED_URL", "dedup-1:8081"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("DEDUP_ADVERTISED_URL must be");
        assertThatThrownBy(() -> DedupConfig.from(new Env(Map.of("APPLICATION_ID", "has space"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("APPLICATION_ID may hold");
        assertThatThrownBy(() -> DedupConfig.from(new Env(Map.of("DEDUP_INSTANCE_ID", "dedup 1"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("DEDUP_INSTANCE_ID may hold");
    }

    @Test
    void instanceIdMakesTheMainConsumerAStaticMember() {
        Properties withId = DedupTopology.streamsConfig(DedupConfig.from(new Env(Map.of("DEDUP_INSTANCE_ID", "dedup-1"))), "h:1");
        Properties withoutId = DedupTopology.streamsConfig(DedupConfig.from(new Env(Map.of())), "h:1");

        assertThat(withId).containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "dedup-1");
        assertThat(withoutId).doesNotContainKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }

    @Test
    void atLeastOnceIsAccepted() {
        assertThat(DedupConfig.from(new Env(Map.of("PROCESSING_GUARANTEE", "AT_LEAST_ONCE"))).processingGuarantee())
                .isEqualTo("at_least_once");
    }

    @Test
    void standbysAndSessionTimeoutReachTheStreamsSettings() {
        Properties tuned = DedupTopology.streamsConfig(DedupConfig.from(new Env(Map.of(
                "NUM_STANDBY_REPLICAS", "1", "DEDUP_SESSION_TIMEOUT_MS", "6000"))), "h:1");
        Properties plain = DedupTopology.streamsConfig(DedupConfig.from(new Env(Map.of())), "h:1");

        assertThat(tuned).containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000)
                .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2000);
        assertThat(plain).containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0)
                .doesNotContainKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
    }

    @Test
    void standbyCountAndSessionTimeoutAreBounded() {
        assertThatThrownBy(() -> DedupConfig.from(new Env(Map.of("NUM_STANDBY_REPLICAS", "-1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NUM_STANDBY_REPLICAS");
        assertThatThrownBy(() -> DedupConfig.from(new Env(Map.of("DEDUP_SESSION_TIMEOUT_MS", "10"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DEDUP_SESSION_TIMEOUT_MS");
    }

    @Test
    void aCommitIntervalReachesTheStreamsSettingsAndWithoutOneKafkasDefaultStays() {
        Properties tuned = DedupTopology.streamsConfig(DedupConfig.from(new Env(Map.of("DEDUP_COMMIT_INTERVAL_MS", "1000"))), "h:1");
        Properties plain = DedupTopology.streamsConfig(DedupConfig.from(new Env(Map.of())), "h:1");

        assertThat(tuned).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000L);
        // Streams picks 100 ms under exactly_once_v2 and 30 s under at_least_once only when it is not set
        assertThat(plain).doesNotContainKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        assertThatThrownBy(() -> DedupConfig.from(new Env(Map.of("DEDUP_COMMIT_INTERVAL_MS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DEDUP_COMMIT_INTERVAL_MS");
    }

    @Test
    void kafkaMetricsAreLookedForOnceAMinuteUnlessToldOtherwise() {
        assertThat(DedupConfig.from(new Env(Map.of())).kafkaMetricsRefresh()).isEqualTo(Duration.ofSeconds(60));
        assertThat(DedupConfig.from(new Env(Map.of("KAFKA_METRICS_REFRESH_MS", "2000"))).kafkaMetricsRefresh()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> DedupConfig.from(new Env(Map.of("KAFKA_METRICS_REFRESH_MS", "500"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("KAFKA_METRICS_REFRESH_MS");
    }
}
