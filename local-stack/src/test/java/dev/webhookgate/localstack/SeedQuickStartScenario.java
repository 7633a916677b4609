package dev.webhookgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.fixture.CommittedRecords;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.Env;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's Quick Start, for real: the whole stack on a real broker, the seed's curl request and its
 * retries, and the ledger read back over HTTP. The same scenario runs on each kind of broker the stack can
 * use (subclasses): the embedded one, our fixture's broker in its own process, and a Testcontainers Kafka
 * where a Docker engine exists.
 */
abstract class SeedQuickStartScenario {

    private static final String SEED_BODY = "{\n    \"From\": \"whatsapp:+9779800000000\",\n    \"Body\": \"Order 10 apples\"\n  }";

    @TempDir
    Path dataDir;

    private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().executor(clientThreads).connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    /** Per test, so that tests sharing an external broker see neither each other's topics nor state. */
    private String runId;

    /** Extra launcher arguments that choose the broker. */
    abstract List<String> brokerArgs();

    @BeforeEach
    void startStack() {
        runId = "seed-" + UUID.randomUUID().toString().substring(0, 8);
        stack = startOn(dataDir);
    }

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        clientThreads.shutdownNow();
    }

    @Test
    void firstDeliveryCreatesOneOrderAndEveryRetryReplaysTheFirstAck() throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = postSeedWebhook(key);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        JsonNode ack = json(first.body());
        assertThat(ack.path("status").asText()).isEqualTo("accepted");
        assertThat(ack.path("idempotency_key").asText()).isEqualTo(key);

        for (int i = 0; i < 20; i++) {
            assertReplayOf(first, postSeedWebhook(key));
        }
        List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            concurrent.add(http.sendAsync(seedRequest(key), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> retry : concurrent) {
            assertReplayOf(first, retry.get());
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(stats().path("duplicates_dropped").asLong()).isEqualTo(40));
        assertThat(uniqueRecordKeys()).containsExactly("whatsapp:" + key);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ordersFor(key)).hasSize(1));
        JsonNode order = ordersFor(key).get(0);
        assertThat(order.path("retailer").asText()).isEqualTo("whatsapp:+9779800000000");
        assertThat(order.path("event_id").asText()).isEqualTo(ack.path("event_id").asText());
        assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo("apples");
        assertThat(order.path("lines").get(0).path("quantity").asInt()).isEqualTo(10);
    }

    @Test
    void retryAfterTheWholeStackRestartsOnTheSameDataDirIsReplayedNotProcessed() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = postSeedWebhook(key);
        assertThat(first.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ordersFor(key)).hasSize(1));

        stack.close();
        stack = startOn(dataDir);

        assertReplayOf(first, postSeedWebhook(key));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(stats().path("duplicates_dropped").asLong()).isEqualTo(1));
        assertThat(uniqueRecordKeys()).containsExactly("whatsapp:" + key);
        assertThat(ordersFor(key)).hasSize(1);
    }

    private LocalStack startOn(Path dir) {
        Env env = new Env(Map.of("DATA_DIR", dir.toString(), "KAFKA_PORT", "0", "INGEST_PORT", "0", "DEDUP_PORT", "0",
                "ORDERS_PORT", "0", "CONSOLE_PORT", "0", "TOPIC_PREFIX", runId, "APPLICATION_ID", runId + "-dedup", "ORDERS_GROUP_ID", runId + "-orders"));
        return LocalStack.start(LocalStackOptions.parse(brokerArgs().toArray(String[]::new), env)).awaitReady();
    }

    private void assertReplayOf(HttpResponse<String> first, HttpResponse<String> retry) {
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.body()).isEqualTo(first.body());
    }

    private HttpResponse<String> postSeedWebhook(String key) throws Exception {
        return http.send(seedRequest(key), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest seedRequest(String key) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ingestPort() + "/api/v1/whatsapp/webhook"))
                .header("X-Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(SEED_BODY))
                .build();
    }

    private JsonNode stats() throws Exception {
        return json(get("http://127.0.0.1:" + stack.dedupPort() + "/api/v1/idempotency/stats"));
    }

    private List<JsonNode> ordersFor(String key) throws Exception {
        JsonNode orders = json(get("http://127.0.0.1:" + stack.ordersPort() + "/api/v1/orders")).path("orders");
        List<JsonNode> matching = new ArrayList<>();
        orders.forEach(order -> {
            if (key.equals(order.path("idempotency_key").asText())) {
                matching.add(order);
            }
        });
        return matching;
    }

    /** Everything committed to the unique topic: what the ledger would ever see. */
    private List<String> uniqueRecordKeys() {
        return CommittedRecords.read(stack.kafkaBootstrapServers(), new Topics(runId).unique(), new StringDeserializer(), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::key).toList();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode json(String text) {
        return ContractJson.tree(text.getBytes(StandardCharsets.UTF_8));
    }
}
