package dev.webhookgate.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.ingest.signature.GithubScheme;
import dev.webhookgate.ingest.signature.ShopifyScheme;
import dev.webhookgate.ingest.signature.StandardWebhooksScheme;
import dev.webhookgate.ingest.signature.StripeScheme;
import dev.webhookgate.ingest.signature.TwilioScheme;
import dev.webhookgate.ingest.support.Stack;
import dev.webhookgate.ingest.support.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answers that depend on what lives in Kafka, against a real broker and a real dedup-streams: replays
 * decided by dedup-streams, where a conflict and a rejected request end up, every provider's record, one key
 * delivered concurrently. Every row of docs/api.md's answer table, the order of checks and the timeouts are
 * tested in-process in {@code WebhookHttpTest}.
 */
class WebhookResponsesTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    private static final String STRIPE = "whsec_stripe_test";
    private static final String GITHUB = "github-secret";
    private static final String SHOPIFY = "shopify-secret";
    private static final String STANDARD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String TWILIO = "twilio-token";
    private static final String PUBLIC_URL = "https://gate.example.com";
    private static final int MAX_BODY = 4096;

    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = Stack.start(kafka.bootstrapServers(), kafka.createRandomTopics(Stack.PARTITIONS),
                "STRIPE_WEBHOOK_SECRET", "whsec_rotated_out," + STRIPE,
                "GITHUB_WEBHOOK_SECRET", GITHUB,
                "SHOPIFY_WEBHOOK_SECRET", SHOPIFY,
                "STANDARD_WEBHOOK_SECRET", STANDARD,
                "TWILIO_AUTH_TOKEN", TWILIO,
                "PUBLIC_BASE_URL", PUBLIC_URL,
                "MAX_BODY_BYTES", String.valueOf(MAX_BODY));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    private static HttpResponse<String> custom(String key, String body) {
        return stack.http().post("/api/v1/webhooks/custom", body, Map.of("X-Idempotency-Key", key));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ContractJson.tree(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(json(response).path("error").asText()).isEqualTo(code);
        assertThat(json(response).path("message").asText()).isNotBlank();
    }

    @Test
    void firstDeliveryIsAcceptedAndItsRetryReplaysTheByteIdenticalAck() {
        String key = key();
        HttpResponse<String> first = custom(key, "{\"type\":\"order.created\",\"n\":1}");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        JsonNode ack = json(first);
        assertThat(first.body()).startsWith("{\"status\":\"accepted\",\"provider\":\"custom\",\"idempotency_key\":\"" + key
                + "\",\"event_id\":\"" + ack.get("event_id").asText() + "\",\"received_at\":\"");
        assertThat(ack.get("received_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        HttpResponse<String> retry = custom(key, "{\"type\":\"order.created\",\"n\":1}");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndNeverReachesUnique() {
        String key = key();
        assertThat(custom(key, "{\"amount\":1}").statusCode()).isEqualTo(200);
        HttpResponse<String> reuse = custom(key, "{\"amount\":2}");
        assertError(reuse, 422, "idempotency_key_reused");
        try (TopicReader inbound = stack.reader(stack.topics().inbound());
             TopicReader unique = stack.reader(stack.topics().unique());
             TopicReader duplicates = stack.reader(stack.topics().duplicates())) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(inbound.valuesFor("custom:" + key)).hasSize(2);
                assertThat(duplicates.valuesFor("custom:" + key)).singleElement().asString().contains("\"verdict\":\"conflict\"");
            });
            assertThat(unique.valuesFor("custom:" + key)).singleElement().asString().contains("{\\\"amount\\\":1}");
        }
    }

    @Test
    void everyProviderIsAcceptedSignedAndKeyedByItsOwnId() {
        String evt = "evt_" + UUID.randomUUID().toString().replace("-", "");
        byte[] stripeBody = ("{\"id\":\"" + evt + "\",\"type\":\"payment_intent.succeeded\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> stripe = stack.http().post("/api/v1/webhooks/stripe", new String(stripeBody, StandardCharsets.UTF_8),
                Map.of("Stripe-Signature", StripeScheme.sign(STRIPE, Instant.now().getEpochSecond(), stripeBody)));
        assertAccepted(stripe, "stripe", evt);

        String delivery = UUID.randomUUID().toString();
        byte[] ghBody = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);
        assertAccepted(stack.http().post("/api/v1/webhooks/github", new String(ghBody, StandardCharsets.UTF_8), Map.of(
                "X-GitHub-Delivery", delivery, "X-GitHub-Event", "issues", "X-Hub-Signature-256", GithubScheme.sign(GITHUB, ghBody))),
                "github", delivery);

        String shopId = key();
        assertAccepted(stack.http().post("/api/v1/webhooks/shopify", "{\"id\":1}", Map.of("X-Shopify-Webhook-Id", shopId,
                "X-Shopify-Topic", "orders/create", "X-Shopify-Hmac-Sha256", ShopifyScheme.sign(SHOPIFY, "{\"id\":1}".getBytes(StandardCharsets.UTF_8)))),
                "shopify", shopId);

        String msgId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        long now = Instant.now().getEpochSecond();
        assertAccepted(stack.http().post("/api/v1/webhooks/standard", "{\"type\":\"x\"}", Map.of("webhook-id", msgId,
                "webhook-timestamp", String.valueOf(now),
                "webhook-signature", StandardWebhooksScheme.sign(STANDARD, msgId, now, "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8)))),
                "standard", msgId);

        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String form = "MessageSid=" + sid + "&From=whatsapp%3A%2B9779800000000&Body=Order+10+apples";
        String signature = TwilioScheme.sign(TWILIO, PUBLIC_URL + "/api/v1/whatsapp/webhook", Map.of(
                "MessageSid", List.of(sid), "From", List.of("whatsapp:+9779800000000"), "Body", List.of("Order 10 apples")));
        HttpResponse<String> whatsapp = stack.http().post("/api/v1/whatsapp/webhook", form, Map.of(
                "Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature));
        assertAccepted(whatsapp, "whatsapp", sid);

        try (TopicReader inbound = stack.reader(stack.topics().inbound())) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(inbound.valuesFor("github:" + delivery)).singleElement()
                    .asString().contains("\"x-github-event\":\"issues\"").doesNotContain("x-hub-signature"));
        }
    }

    private static void assertAccepted(HttpResponse<String> response, String provider, String key) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("provider").asText()).isEqualTo(provider);
        assertThat(json(response).get("idempotency_key").asText()).isEqualTo(key);
    }

    @Test
    void rejectedDeliveriesNeverReachKafka() {
        String key = key();
        custom(key, "not json");
        stack.http().post("/api/v1/webhooks/stripe", "{\"id\":\"" + key + "\"}", Map.of("X-Idempotency-Key", key));
        stack.http().post("/api/v1/webhooks/custom", "x".repeat(MAX_BODY + 1), Map.of("X-Idempotency-Key", key));
        String marker = key();
        assertThat(custom(marker, "{}").statusCode()).isEqualTo(200);
        try (TopicReader inbound = stack.reader(stack.topics().inbound())) {
            await().atMost(Duration.ofSeconds(15)).until(() -> !inbound.valuesFor("custom:" + marker).isEmpty());
            assertThat(inbound.valuesFor("custom:" + key)).isEmpty();
            assertThat(inbound.valuesFor("stripe:" + key)).isEmpty();
        }
    }

    @Test
    void concurrentDeliveriesOfOneKeyAllGetTheSameAckAndOneEventGoesDownstream() {
        String key = key();
        byte[] body = "{\"type\":\"payment.succeeded\",\"amount\":2500}".getBytes(StandardCharsets.UTF_8);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(stack.http().postAsync("/api/v1/webhooks/custom", body, Map.of("X-Idempotency-Key", key)));
        }
        List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(200));
        assertThat(answers.stream().map(HttpResponse::body).distinct()).hasSize(1);
        assertThat(answers.stream().filter(a -> a.headers().firstValue("Idempotent-Replayed").isEmpty())).hasSize(1);
        try (TopicReader inbound = stack.reader(stack.topics().inbound());
             TopicReader unique = stack.reader(stack.topics().unique())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> inbound.valuesFor("custom:" + key).size() == 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> unique.valuesFor("custom:" + key).size() == 1);
            assertThat(unique.valuesFor("custom:" + key)).singleElement().asString().contains(json(answers.get(0)).get("event_id").asText());
        }
    }

    @Test
    void configurationRoutesAnswerAsTheContractSays() {
        JsonNode config = json(stack.http().get("/api/v1/idempotency/config"));
        assertThat(config.get("enabled").asBoolean()).isTrue();
        assertThat(config.get("header").asText()).isEqualTo("X-Idempotency-Key");
        assertThat(config.get("ttl_seconds").asLong()).isEqualTo(86400);
        assertThat(config.get("ttl_by_provider").get("stripe").asLong()).isEqualTo(3 * 86400);
        assertThat(config.get("signature_checks")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("whatsapp", "stripe", "github", "shopify", "standard");
        assertThat(config.get("require_signatures").asBoolean()).isFalse();

        assertThat(stack.http().get("/api/v1/whatsapp/test").body())
                .isEqualTo("{\"idempotency\":{\"enabled\":true,\"header\":\"X-Idempotency-Key\",\"ttl_hours\":24}}");
        assertThat(stack.http().get("/health/live").statusCode()).isEqualTo(200);
        assertThat(stack.http().get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(stack.ingest().isReady()).isTrue();
    }
}
