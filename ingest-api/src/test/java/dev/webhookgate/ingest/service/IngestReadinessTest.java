package dev.webhookgate.ingest.service;

import dev.webhookgate.fixture.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.FreePorts;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.ingest.support.Stack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /health/ready is 200 only while the ingest can put a delivery on its topic, with the broker up in both
 * cases: a deleted inbound topic, and a topic that refuses every record. Readiness comes back with the topic.
 * No dedup-streams runs: its absence means 202s, not unreadiness.
 */
class IngestReadinessTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @Test
    void aDeletedInboundTopicMakesTheIngestNotReadyUntilItIsBack() throws Exception {
        Topics topics = kafka.createRandomTopics(1);
        try (Stack stack = readyIngest(topics); Admin admin = kafka.broker().admin()) {

            admin.deleteTopics(List.of(topics.inbound())).all().get();

            await().atMost(Duration.ofSeconds(15)).until(() -> stack.http().get("/health/ready").status() == 503);
            assertThat(reason(stack)).isEqualTo("Kafka is not usable: topic " + topics.inbound() + " does not exist");

            // a deletion finishes in the background; until it has, the broker refuses the same name
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.createTopics(List.of(new NewTopic(topics.inbound(), 1, (short) 1))).all().get() == null);
            await().atMost(Duration.ofSeconds(15)).until(() -> stack.http().get("/health/ready").status() == 200);
        }
    }

    /** The broker answers and the topic exists, but every send fails: only the producer's outcomes can tell. */
    @Test
    void sendsThatAllFailMakeTheIngestNotReadyUntilASendIsDelivered() throws Exception {
        Topics topics = kafka.createRandomTopics(1);
        try (Stack stack = readyIngest(topics); Admin admin = kafka.broker().admin()) {

            // smaller than any envelope: the broker refuses each record at once (RecordTooLargeException)
            setMaxMessageBytes(admin, topics.inbound(), "64");
            await().atMost(Duration.ofSeconds(15)).until(() -> post(stack).status() == 503);
            post(stack);
            post(stack);

            assertThat(stack.http().get("/health/ready").status()).isEqualTo(503);
            assertThat(reason(stack)).startsWith("the producer could not deliver the last ")
                    .contains(" records to " + topics.inbound()).contains("RecordTooLargeException");

            setMaxMessageBytes(admin, topics.inbound(), String.valueOf(Topics.MAX_MESSAGE_BYTES));
            await().atMost(Duration.ofSeconds(15)).until(() -> post(stack).status() != 503);
            assertThat(stack.http().get("/health/ready").status()).isEqualTo(200);
        }
    }

    /** Only the ingest, ready; no dedup-streams answers at the verdict URL. */
    private static Stack readyIngest(Topics topics) {
        Stack stack = Stack.ingestOnly(kafka.bootstrapServers(), topics, "http://127.0.0.1:" + FreePorts.next());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> stack.http().get("/health/ready").status() == 200);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private static TestHttp.Reply post(Stack stack) {
        return stack.http().post("/api/v1/webhooks/custom", "{\"n\":1}", Map.of("X-Idempotency-Key", "k-" + UUID.randomUUID()));
    }

    private static void setMaxMessageBytes(Admin admin, String topic, String bytes) throws Exception {
        Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes), AlterConfigOp.OpType.SET)));
        admin.incrementalAlterConfigs(change).all().get();
    }

    private static String reason(Stack stack) {
        return ContractJson.tree(stack.http().get("/health/ready").text().getBytes(StandardCharsets.UTF_8)).get("reason").asText();
    }
}
