package dev.webhookgate.dedup;

import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.dedup.topology.TopicSetup;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What start-up checks and fixes on the broker before Streams runs, and the at-least-once mode. */
class StartupTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @TempDir
    Path dataDir;

    @Test
    void commandsWithAnotherPartitionCountThanInboundStopsStartUpWithASentence() throws Exception {
        Topics topics = randomTopics();
        create(new NewTopic(topics.inbound(), 2, (short) 1), new NewTopic(topics.commands(), 3, (short) 1),
                new NewTopic(topics.unique(), 1, (short) 1), new NewTopic(topics.duplicates(), 1, (short) 1));
        try (DedupCluster cluster = new DedupCluster(kafka.bootstrapServers(), topics)) {
            assertThatThrownBy(() -> cluster.start(dataDir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(topics.commands() + " has 3 partitions but " + topics.inbound() + " has 2");
        }
    }

    @Test
    void missingTopicsStopStartUpNamingThemAndTheProvisionStepAndNothingIsCreated(@TempDir Path otherDir) throws Exception {
        Topics topics = randomTopics();
        create(new NewTopic(topics.inbound(), 2, (short) 1), new NewTopic(topics.commands(), 2, (short) 1));
        try (DedupCluster cluster = new DedupCluster(kafka.bootstrapServers(), topics); Admin admin = kafka.broker().admin()) {
            assertThatThrownBy(() -> TopicSetup.prepare(cluster.config(dataDir, Map.of())))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("has no topic " + topics.unique() + ", " + topics.duplicates() + ";")
                    .hasMessageContaining("run the provision step");
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topics.unique(), topics.duplicates());

            // the dead-letter topic is the order-consumer's: dedup starts without it
            create(new NewTopic(topics.unique(), 1, (short) 1), new NewTopic(topics.duplicates(), 1, (short) 1));
            TopicSetup.prepare(cluster.config(otherDir, Map.of()));
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topics.dlq());
        }
    }

    private static Topics randomTopics() {
        return new Topics("t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    private static void create(NewTopic... topics) throws Exception {
        try (Admin admin = kafka.broker().admin()) {
            admin.createTopics(List.of(topics)).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void longerTtlRaisesTheRetentionOfAnExistingKeyChangelog() throws Exception {
        Topics topics = kafka.createRandomTopics(1);
        try (DedupCluster cluster = new DedupCluster(kafka.bootstrapServers(), topics); Admin admin = kafka.broker().admin()) {
            DedupConfig config = cluster.config(dataDir, Map.of("IDEMPOTENCY_TTL_STANDARD", "P30D"));
            String changelog = TopicSetup.keyChangelog(config);
            // as Streams left it when the longest TTL was one hour
            admin.createTopics(List.of(new NewTopic(changelog, 1, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "3600000", TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete"))))
                    .all().get(30, TimeUnit.SECONDS);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, changelog);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> retentionOf(admin, resource) == 3_600_000L);

            TopicSetup.prepare(config);

            // a topic config change reaches describeConfigs once the broker has applied its metadata record
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(retentionOf(admin, resource)).isEqualTo(TopicSetup.changelogRetentionMs(config))
                            .isGreaterThan(Duration.ofDays(30).toMillis()));
        }
    }

    private static long retentionOf(Admin admin, ConfigResource topic) throws Exception {
        return Long.parseLong(admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS)
                .get(topic).get(TopicConfig.RETENTION_MS_CONFIG).value());
    }

    @Test
    void atLeastOnceModeDeduplicatesToo() {
        try (DedupCluster cluster = new DedupCluster(kafka.bootstrapServers(), kafka.createRandomTopics(2))) {
            DedupService service = cluster.start(dataDir, Map.of("PROCESSING_GUARANTEE", "at_least_once"));
            DedupCluster.awaitReady(service);
            Instant now = Instant.now();
            DedupCluster.Published first = cluster.publish(delivery(Provider.GITHUB, "alo-1", "{}", now));
            DedupCluster.Published retry = cluster.publish(delivery(Provider.GITHUB, "alo-1", "{}", now.plusSeconds(1)));

            assertThat(cluster.verdict(service, retry).json().path("event_id").asText()).isEqualTo(first.envelope().eventId());
            assertThat(cluster.readAll(cluster.topics.unique(), 1)).hasSize(1);
        }
    }
}
