package dev.webhookgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.localstack.LocalStack;
import dev.webhookgate.localstack.LocalStackOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus, on the repository's own scrape config and rules, scraping the whole local stack run with
 * {@code OPS_TOKEN} set: every target is up through the bearer token, and every query of the Grafana dashboard
 * and of the alerts runs and selects only metrics that exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringOnLocalStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What docker-compose.yml's health checks ask each service (DeployFilesTest); answered here by the running stack. */
    static final String HEALTH_PATH = "/health/ready";
    private static final Set<String> JOBS = Set.of("ingest-api", "dedup-streams", "order-consumer");
    /**
     * Kafka's client meters appear once Micrometer looks for new ones (every {@code KAFKA_METRICS_REFRESH_MS}, a minute
     * by default, 2 s here), then wait for the next scrape ({@link PrometheusProcess#SCRAPE_INTERVAL}).
     */
    private static final Duration METRICS_SETTLE = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private final String opsToken = "ops-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    private PrometheusProcess prometheus;

    @BeforeAll
    void start() throws Exception {
        String run = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        Env env = new Env(Map.of("DATA_DIR", dir.resolve("stack").toString(), "KAFKA_PORT", "0", "INGEST_PORT", "0",
                "DEDUP_PORT", "0", "ORDERS_PORT", "0", "TOPIC_PREFIX", run, "APPLICATION_ID", run + "-dedup",
                "ORDERS_GROUP_ID", run + "-orders", "OPS_TOKEN", opsToken, "INTERNAL_TOKEN", "internal-" + UUID.randomUUID()))
                .with("KAFKA_METRICS_REFRESH_MS", "2000");
        stack = LocalStack.start(LocalStackOptions.parse(new String[0], env)).awaitReady();
        sendTraffic();
        Map<String, String> targets = Map.of(
                "ingest-api", "127.0.0.1:" + stack.ingestPort(),
                "dedup-streams", "127.0.0.1:" + stack.dedupPort(),
                "order-consumer", "127.0.0.1:" + stack.ordersPort());
        prometheus = PrometheusProcess.start(dir.resolve("prometheus"), opsToken, targets);
    }

    @AfterAll
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyTargetIsUpAndScrapedWithTheBearerToken() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(prometheus.isAlive()).as("prometheus running (log in %s)", dir.resolve("prometheus/prometheus.log")).isTrue();
            JsonNode targets = prometheus.api("targets", Map.of("state", "active"));
            assertThat(targets).isNotNull();
            Map<String, String> healthByJob = new TreeMap<>();
            targets.path("data").path("activeTargets").forEach(t ->
                    healthByJob.put(t.path("labels").path("job").asText(), t.path("health").asText() + " " + t.path("lastError").asText()));
            assertThat(healthByJob).containsOnlyKeys(JOBS).allSatisfy((job, health) -> assertThat(health).isEqualTo("up "));
        });
        // What made them up is the token: without it every /metrics refuses.
        for (int port : List.of(stack.ingestPort(), stack.dedupPort(), stack.ordersPort())) {
            assertThat(get(port, "/metrics", null).statusCode()).as("/metrics on %d without a token", port).isEqualTo(401);
            assertThat(get(port, "/metrics", opsToken).statusCode()).as("/metrics on %d with OPS_TOKEN", port).isEqualTo(200);
        }
    }

    @Test
    void composeHealthChecksAskAPathEveryServiceAnswers() throws Exception {
        for (int port : List.of(stack.ingestPort(), stack.dedupPort(), stack.ordersPort())) {
            assertThat(get(port, HEALTH_PATH, null).statusCode()).as("%s on %d, without a token", HEALTH_PATH, port).isEqualTo(200);
        }
    }

    @Test
    void everyDashboardQueryRunsAndSelectsMetricsThatExist() {
        Map<String, String> queries = new LinkedHashMap<>();
        JsonNode dashboard = readJson("deploy/grafana/webhookgate.json");
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target ->
                queries.put(panel.path("title").asText() + " / " + target.path("refId").asText(), target.path("expr").asText())));
        assertThat(queries).hasSizeGreaterThan(10);
        assertQueriesRunOnExistingMetrics(queries);
    }

    @Test
    void everyAlertQuerySelectsMetricsThatExist() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode group : RepoFiles.yaml("deploy/prometheus/alerts.yml").path("groups")) {
            group.path("rules").forEach(rule ->
                    queries.put(rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText(), rule.path("expr").asText()));
        }
        assertQueriesRunOnExistingMetrics(queries);
    }

    private void assertQueriesRunOnExistingMetrics(Map<String, String> queries) {
        await().atMost(METRICS_SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode names = prometheus.api("label/__name__/values", Map.of());
            assertThat(names).isNotNull();
            Set<String> existing = new HashSet<>();
            names.path("data").forEach(n -> existing.add(n.asText()));
            List<String> problems = new ArrayList<>();
            queries.forEach((where, expr) -> {
                JsonNode answer = prometheus.query(expr);
                if (answer == null || !"success".equals(answer.path("status").asText())) {
                    problems.add(where + ": " + expr + " -> " + (answer == null ? "no answer" : answer.path("error").asText()));
                }
                for (String metric : PromQlMetricNames.of(expr)) {
                    if (!existing.contains(metric)) {
                        problems.add(where + ": no metric " + metric);
                    }
                }
            });
            assertThat(problems).as("queries that fail or select metrics nobody exports").isEmpty();
        });
    }

    /** Enough of every kind that each meter exists: answers of each outcome, a payment, an order, a dead letter. */
    private void sendTraffic() throws Exception {
        String key = "mon-" + UUID.randomUUID();
        String order = "{\"From\":\"whatsapp:+9779800000000\",\"Body\":\"Order 10 apples\"}";
        // 202 where the verdict is slow on a loaded machine: the meters exist either way
        assertThat(post("whatsapp", key, order).statusCode()).isIn(200, 202);
        assertThat(post("whatsapp", key, order).statusCode()).isIn(200, 202);
        assertThat(post("whatsapp", key, "{\"From\":\"x\",\"Body\":\"Order 2 pears\"}").statusCode()).isIn(422, 202);
        assertThat(post("whatsapp", "bad key", order).statusCode()).isEqualTo(400);
        assertThat(post("whatsapp", key + "-poison", "{\"From\":\"x\",\"Body\":\"order ten apples\"}").statusCode()).isIn(200, 202);
        String payment = "{\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "") + "\",\"type\":\"payment_intent.succeeded\","
                + "\"data\":{\"object\":{\"id\":\"pi_" + UUID.randomUUID().toString().replace("-", "")
                + "\",\"amount\":2500,\"amount_received\":2500,\"currency\":\"usd\"}}}";
        assertThat(post("stripe", null, payment).statusCode()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> dlq = get(stack.ordersPort(), "/api/v1/processed/whatsapp/" + key + "-poison", opsToken);
            assertThat(dlq.body()).contains("dead_lettered");
        });
    }

    private HttpResponse<String> post(String provider, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ingestPort() + "/api/v1/webhooks/" + provider))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode readJson(String relative) {
        try {
            return JSON.readTree(RepoFiles.file(relative).toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
