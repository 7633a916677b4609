package dev.webhookgate.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.http.Metrics;
import dev.webhookgate.ingest.AnswerDeadline;
import dev.webhookgate.ingest.TestConfigs;
import dev.webhookgate.ingest.signature.GithubScheme;
import dev.webhookgate.ingest.signature.StandardWebhooksScheme;
import dev.webhookgate.ingest.signature.StripeScheme;
import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.ingest.support.RandomDeliveries;
import dev.webhookgate.runtime.tracing.Tracing;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every row of docs/api.md's answer table (Ingest API), the order of checks and every timeout path, with the
 * HTTP layer in-process over a {@link FakePublisher} and {@link ScriptedVerdicts}: no broker, no
 * dedup-streams. What lives in Kafka (routing to unique and duplicates, concurrent deliveries, a real
 * broker's outage) stays in the service tests.
 */
// Isolated (pom.xml runs classes two at a time): times the deadline paths against the 5 s bound; another class running beside it would eat the margin.
@Isolated
class WebhookHttpTest {

    private static final String STRIPE = "whsec_stripe_test";
    private static final String GITHUB = "github-secret";
    private static final String SHOPIFY = "shopify-secret";
    private static final String STANDARD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final int MAX_BODY = 4096;
    private static final String ORDER = """
            {"type":"order.created","amount":2500}""";
    private static final String OTHER_ORDER = """
            {"type":"order.created","amount":9900}""";

    private static final FakePublisher publisher = new FakePublisher();
    private static final ScriptedVerdicts verdicts = new ScriptedVerdicts(publisher);
    /** The default ingest, shared: Jetty's graceful stop waits about a second for the client's idle connection. */
    private static Ingest shared;
    private Ingest own;
    private PrometheusMeterRegistry registry;
    private TestHttp http;

    /** One ingest as IngestService builds it, on a free port, with the longest verdict wait allowed. */
    private record Ingest(Javalin app, PrometheusMeterRegistry registry, TestHttp http) {
        static Ingest start(String... env) {
            List<String> vars = new ArrayList<>(List.of("INGEST_PORT", "0", "VERDICT_TIMEOUT_MS", "4000",
                    "MAX_BODY_BYTES", String.valueOf(MAX_BODY),
                    "STRIPE_WEBHOOK_SECRET", STRIPE, "GITHUB_WEBHOOK_SECRET", GITHUB,
                    "SHOPIFY_WEBHOOK_SECRET", SHOPIFY, "STANDARD_WEBHOOK_SECRET", STANDARD));
            vars.addAll(List.of(env));
            PrometheusMeterRegistry registry = Metrics.registry("ingest-api");
            Javalin app = new IngestApp(TestConfigs.of(vars.toArray(String[]::new)), publisher, verdicts, Clock.systemUTC(),
                    registry, () -> null, new InFlight(), Tracing.OFF).create().start();
            return new Ingest(app, registry, TestHttp.to(app.port()));
        }

        void stop() {
            app.stop();
        }
    }

    @BeforeAll
    static void startShared() {
        shared = Ingest.start();
    }

    @AfterAll
    static void stopShared() {
        if (shared != null) {
            shared.stop();
        }
    }

    @BeforeEach
    void resetFakes() {
        publisher.reset();
        verdicts.decides();
    }

    /** The shared ingest, or with {@code env} one of the test's own. */
    private void start(String... env) {
        if (env.length > 0) {
            own = Ingest.start(env);
        }
        Ingest ingest = own != null ? own : shared;
        registry = ingest.registry();
        http = ingest.http();
    }

    @AfterEach
    void stopOwn() {
        if (own != null) {
            own.stop();
        }
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    private TestHttp.Reply custom(String key, String body) {
        return http.post("/api/v1/webhooks/custom", body, Map.of("X-Idempotency-Key", key));
    }

    private static JsonNode json(TestHttp.Reply response) {
        return ContractJson.tree(response.text().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(TestHttp.Reply response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(json(response).path("error").asText()).isEqualTo(code);
        assertThat(json(response).path("message").asText()).isNotBlank();
    }

    private static void assertNotConfirmed(TestHttp.Reply response) {
        assertError(response, 503, "unavailable");
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(json(response).get("message").asText())
                .contains("not confirmed", "may still be stored and processed", "a retry with the same key and body is safe");
    }

    /** From arrival to answer, as the ingest measured it: the client's own delays on a busy machine are not the ingest's. */
    private Duration slowestAnswer() {
        return Duration.ofNanos((long) registry.find("ingest_webhook_latency").timer().max(TimeUnit.NANOSECONDS));
    }

    @Test
    void aFirstDeliveryIs200AcceptedWithTheAckInItsFieldOrder() {
        start();
        String key = key();
        TestHttp.Reply first = custom(key, ORDER);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers().firstValue(WebhookController.REPLAYED_HEADER)).isEmpty();
        JsonNode ack = json(first);
        assertThat(first.text()).isEqualTo("""
                {"status":"accepted","provider":"custom","idempotency_key":"%s","event_id":"%s","received_at":"%s"}"""
                .formatted(key, ack.get("event_id").asText(), ack.get("received_at").asText()));
        assertThat(ack.get("received_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(publisher.published()).singleElement().satisfies(e -> assertThat(e.body()).isEqualTo(ORDER));
    }

    @Test
    void aRetryIs200WithTheByteIdenticalFirstAckAndIdempotentReplayed() {
        start();
        String key = key();
        TestHttp.Reply first = custom(key, ORDER);
        TestHttp.Reply retry = custom(key, ORDER);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers().firstValue(WebhookController.REPLAYED_HEADER)).contains("true");
        assertThat(retry.text()).isEqualTo(first.text());
    }

    @Test
    void aRetryAfterA202GetsTheFirstDeliverysAckAccepted() {
        start();
        String key = key();
        verdicts.unknown();
        TestHttp.Reply queued = custom(key, ORDER);
        verdicts.decides();
        TestHttp.Reply retry = custom(key, ORDER);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers().firstValue(WebhookController.REPLAYED_HEADER)).contains("true");
        assertThat(retry.text()).isEqualTo(queued.text().replace("\"status\":\"queued\"", "\"status\":\"accepted\""));
    }

    @Test
    void anotherBodyUnderTheSameKeyIs422() {
        start();
        String key = key();
        assertThat(custom(key, ORDER).status()).isEqualTo(200);
        TestHttp.Reply reuse = custom(key, OTHER_ORDER);
        assertError(reuse, 422, "idempotency_key_reused");
        assertThat(json(reuse).get("message").asText()).contains(key);
    }

    @Test
    void keyErrorsAre400() {
        start();
        assertError(http.post("/api/v1/webhooks/custom", "{}", Map.of()), 400, "missing_idempotency_key");
        assertError(http.post("/api/v1/webhooks/custom", "{}", Map.of("X-Idempotency-Key", "")), 400, "missing_idempotency_key");
        TestHttp.Reply bad = http.post("/api/v1/webhooks/custom", "{}", Map.of("X-Idempotency-Key", "bad key!"));
        assertError(bad, 400, "invalid_idempotency_key");
        assertThat(json(bad).get("message").asText()).contains("Invalid idempotency key format");
        // an invalid header is final even when the provider's own id would do
        assertError(http.post("/api/v1/webhooks/github", "{}", Map.of("X-Idempotency-Key", "a/b", "X-GitHub-Delivery", "ok-1",
                "X-Hub-Signature-256", GithubScheme.sign(GITHUB, "{}".getBytes(StandardCharsets.UTF_8)))), 400, "invalid_idempotency_key");
    }

    @Test
    void signatureFailuresAre401() {
        start();
        String body = """
                {"id":"evt_sig"}""";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        assertError(http.post("/api/v1/webhooks/stripe", body,
                Map.of("Stripe-Signature", StripeScheme.sign("whsec_wrong", now, bytes))), 401, "invalid_signature");
        assertError(http.post("/api/v1/webhooks/stripe", """
                {"id":"evt_sig2"}""", Map.of("Stripe-Signature", StripeScheme.sign(STRIPE, now, bytes))), 401, "invalid_signature");
        assertError(http.post("/api/v1/webhooks/stripe", body,
                Map.of("Stripe-Signature", StripeScheme.sign(STRIPE, now - 600, bytes))), 401, "invalid_signature");
        assertError(http.post("/api/v1/webhooks/standard", "{}", Map.of("webhook-id", "msg_x",
                "webhook-timestamp", String.valueOf(now + 600),
                "webhook-signature", StandardWebhooksScheme.sign(STANDARD, "msg_x", now + 600, "{}".getBytes(StandardCharsets.UTF_8)))),
                401, "invalid_signature");
        assertError(http.post("/api/v1/webhooks/shopify", "{}", Map.of("X-Shopify-Webhook-Id", "s1")), 401, "invalid_signature");
    }

    @Test
    void withRequiredSignaturesAProviderWithoutASecretIs401() {
        start("REQUIRE_SIGNATURES", "true");
        TestHttp.Reply refused = custom(key(), "{}");
        assertError(refused, 401, "invalid_signature");
        assertThat(json(refused).get("message").asText()).contains("No secret is configured");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        start();
        assertError(custom(key(), "x".repeat(MAX_BODY + 1)), 413, "payload_too_large");
    }

    @Test
    void aBodyThatDoesNotParseIs400InvalidPayload() {
        start();
        assertError(custom(key(), "not json"), 400, "invalid_payload");
    }

    @Test
    void anUnknownProviderIs404() {
        start();
        assertError(http.post("/api/v1/webhooks/nosuch", "{}", Map.of("X-Idempotency-Key", key())), 404, "unknown_provider");
    }

    @Test
    void anyOtherRouteIs404NotFound() {
        start();
        assertError(http.get("/api/v1/nothing/here"), 404, "not_found");
        assertError(http.post("/api/v1/webhooks", "{}", Map.of()), 404, "not_found");
    }

    @Test
    void aRecordKafkaFailsIs503RetryAfter5NotConfirmed() {
        start();
        publisher.fails();
        assertNotConfirmed(custom(key(), ORDER));
    }

    @Test
    void noVerdictIs202WithThisDeliverysAckQueued() {
        start();
        verdicts.unknown();
        String key = key();
        TestHttp.Reply queued = custom(key, ORDER);
        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.text()).isEqualTo("""
                {"status":"queued","provider":"custom","idempotency_key":"%s","event_id":"%s","received_at":"%s"}"""
                .formatted(key, publisher.published().get(0).eventId(), json(queued).get("received_at").asText()));
    }

    @Test
    void checksRunInTheDocumentedOrder() {
        start();
        String big = "x".repeat(MAX_BODY + 1);
        // provider before size, size before signature, signature before parsing, parsing before the key
        assertError(http.post("/api/v1/webhooks/nosuch", big, Map.of()), 404, "unknown_provider");
        assertError(http.post("/api/v1/webhooks/stripe", big, Map.of()), 413, "payload_too_large");
        assertError(http.post("/api/v1/webhooks/stripe", "not json", Map.of()), 401, "invalid_signature");
        assertError(http.post("/api/v1/webhooks/custom", "not json", Map.of()), 400, "invalid_payload");
        String zen = """
                {"zen":1}""";
        assertError(http.post("/api/v1/webhooks/github", zen, Map.of(
                "X-Hub-Signature-256", GithubScheme.sign(GITHUB, zen.getBytes(StandardCharsets.UTF_8)))), 400, "missing_idempotency_key");
    }

    @Test
    void rejectedRequestsNeverReachThePublisher() {
        start();
        String key = key();
        custom(key, "not json");
        custom("bad key!", "{}");
        http.post("/api/v1/webhooks/stripe", "{}", Map.of("X-Idempotency-Key", key));
        custom(key, "x".repeat(MAX_BODY + 1));
        http.post("/api/v1/webhooks/nosuch", "{}", Map.of("X-Idempotency-Key", key));
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void aHungPublishIs503WithinTheDeadline() {
        start();
        publisher.hangs();
        assertNotConfirmed(custom(key(), ORDER));
        assertThat(slowestAnswer()).isLessThan(AnswerDeadline.ANSWER_WITHIN);
    }

    @Test
    void aPublishConfirmedAfterTheDeadlineIs503WithinTheDeadline() {
        start();
        publisher.completesLate(AnswerDeadline.ANSWER_WITHIN.plusSeconds(1));
        assertNotConfirmed(custom(key(), ORDER));
        assertThat(slowestAnswer()).isLessThan(AnswerDeadline.ANSWER_WITHIN);
    }

    @Test
    void aHungVerdictIs202WithinTheDeadline() {
        start();
        verdicts.hangs();
        assertThat(custom(key(), ORDER).status()).isEqualTo(202);
        assertThat(slowestAnswer()).isLessThan(AnswerDeadline.ANSWER_WITHIN);
    }

    @Test
    void aLateConfirmationLeavesTheHungVerdictWaitOnlyWhatIsLeft() {
        start();
        // 2 s of publishing plus the full verdict wait (VERDICT_TIMEOUT_MS=4000 and its slack) would be 6.75 s
        publisher.completesLate(Duration.ofSeconds(2));
        verdicts.hangs();
        TestHttp.Reply queued = custom(key(), ORDER);
        assertThat(queued.status()).as(queued.text()).isEqualTo(202);
        assertThat(slowestAnswer()).isLessThan(AnswerDeadline.ANSWER_WITHIN);
    }

    @Test
    void withIdempotencyOffEveryDeliveryGetsItsOwnAckAndNeedsNoKey() {
        start("IDEMPOTENCY_ENABLED", "false");
        verdicts.hangs();
        String key = key();
        TestHttp.Reply first = custom(key, "{}");
        TestHttp.Reply second = custom(key, "{}");
        assertThat(List.of(first, second)).allSatisfy(a -> {
            assertThat(a.status()).as(a.text()).isEqualTo(200);
            assertThat(a.headers().firstValue(WebhookController.REPLAYED_HEADER)).isEmpty();
        });
        assertThat(json(first).get("event_id")).isNotEqualTo(json(second).get("event_id"));
        TestHttp.Reply keyless = http.post("/api/v1/webhooks/custom", "{}", Map.of());
        assertThat(keyless.status()).isEqualTo(200);
        assertThat(json(keyless).get("idempotency_key").asText()).isEqualTo(json(keyless).get("event_id").asText());
        assertError(custom("bad key", "{}"), 400, "invalid_idempotency_key");
    }

    @Test
    void metricsCountRequestsByProviderAndOutcome() {
        start();
        custom(key(), "{}");
        http.post("/api/v1/webhooks/custom", "{}", Map.of());
        String metrics = http.get("/metrics").text();
        assertThat(metrics).containsPattern("ingest_webhooks_total\\{[^}]*outcome=\"accepted\"[^}]*provider=\"custom\"");
        assertThat(metrics).containsPattern("ingest_webhooks_total\\{[^}]*outcome=\"missing_idempotency_key\"");
        assertThat(metrics).contains("ingest_webhook_latency_seconds_bucket");
    }

    /** Random providers, headers, content types and bodies: answers are 2xx or 4xx, never a 500. */
    @Test
    void noRequestMakesTheEndpointAnswer500() {
        start();
        List<TestHttp.Reply> answers = RandomDeliveries.post(http, 300);
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.text()).isBetween(200, 499));
    }
}
