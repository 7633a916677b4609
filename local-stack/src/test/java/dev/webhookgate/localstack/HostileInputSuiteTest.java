package dev.webhookgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.fixture.CommittedRecords;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.Directories;
import dev.webhookgate.http.testing.RawHttp;
import dev.webhookgate.runtime.config.Env;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hostile-input classes of docs/security.md, each sent byte for byte to the whole stack (real broker, real
 * dedup store, H2 ledger, both tokens and the providers' secrets set). Each must be refused with the contract's
 * JSON error body and a 4xx; afterwards nothing of any of them is in any topic or in the ledger.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputSuiteTest {

    private static final String OPS = "ops-" + UUID.randomUUID();
    private static final String INTERNAL = "int-" + UUID.randomUUID();
    private static final String STRIPE = "whsec_suite";
    private static final String STANDARD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static Path dataDir;
    private static String run;
    private static LocalStack stack;

    /** One class of hostile request: what it is, where it goes, the bytes, and the 4xx it must get. */
    record Case(String name, IntSupplier port, byte[] request, int status, String code) {
    }

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("hostile-suite-");
        run = "hostile" + UUID.randomUUID().toString().substring(0, 8);
        Env env = new Env(Map.ofEntries(Map.entry("DATA_DIR", dataDir.toString()), Map.entry("KAFKA_PORT", "0"),
                Map.entry("INGEST_PORT", "0"), Map.entry("DEDUP_PORT", "0"), Map.entry("ORDERS_PORT", "0"), Map.entry("CONSOLE_PORT", "0"),
                Map.entry("TOPIC_PREFIX", run), Map.entry("APPLICATION_ID", run + "-dedup"), Map.entry("ORDERS_GROUP_ID", run + "-orders"),
                Map.entry("OPS_TOKEN", OPS), Map.entry("INTERNAL_TOKEN", INTERNAL), Map.entry("STRIPE_WEBHOOK_SECRET", STRIPE),
                Map.entry("GITHUB_WEBHOOK_SECRET", "gh-suite"), Map.entry("SHOPIFY_WEBHOOK_SECRET", "shop-suite"),
                Map.entry("STANDARD_WEBHOOK_SECRET", STANDARD)));
        stack = LocalStack.start(LocalStackOptions.parse(new String[0], env)).awaitReady();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        Directories.deleteRecursively(dataDir);
    }

    private static byte[] ascii(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A webhook POST with a Content-Length that matches {@code body}. */
    private static byte[] webhook(String path, String contentType, String headers, byte[] body) {
        return concat(ascii("POST " + path + " HTTP/1.1\nHost: localhost\nContent-Type: " + contentType + "\n" + headers
                + "Content-Length: " + body.length + "\nConnection: close\n\n"), body);
    }

    private static byte[] json(String provider, String headers, String body) {
        return webhook("/api/v1/webhooks/" + provider, "application/json", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] chunked(String framing) {
        return ascii("POST /api/v1/webhooks/custom HTTP/1.1\nHost: localhost\nContent-Type: application/json\n"
                + "X-Idempotency-Key: hostile-chunk\nTransfer-Encoding: chunked\nConnection: close\n\n" + framing);
    }

    private static byte[] get(String pathAndQuery, String authorization) {
        return ascii("GET " + pathAndQuery + " HTTP/1.1\nHost: localhost\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\n") + "Connection: close\n\n");
    }

    static List<Case> cases() throws Exception {
        IntSupplier ingest = stack::ingestPort;
        IntSupplier dedup = stack::dedupPort;
        IntSupplier orders = stack::ordersPort;
        long now = Instant.now().getEpochSecond();
        String order = "{\"type\":\"order.created\",\"retailer\":\"hostile\",\"items\":[{\"sku\":\"x\",\"quantity\":1}]}";
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            gzip.write(new byte[4 * 1024 * 1024]);
        }
        StringBuilder manyParams = new StringBuilder("From=whatsapp%3A%2B1&Body=order+1+apple");
        for (int i = 0; i < 100_000; i++) {
            manyParams.append("&a=1"); // 400 kB: under the body limit, so it is parsed, not refused for size
        }
        List<Case> cases = new ArrayList<>(List.of(
                // check order and routing
                new Case("unknown provider", ingest, json("paypal", "X-Idempotency-Key: hostile-1\n", order), 404, "unknown_provider"),
                new Case("any other route", ingest, get("/api/v1/nope", null), 404, "not_found"),
                new Case("wrong method on the webhook route", ingest, get("/api/v1/webhooks/custom", null), 404, "not_found"),
                new Case("signature checked before the body is parsed", ingest, json("github", "X-Hub-Signature-256: sha256=00\n"
                        + "X-GitHub-Delivery: hostile-2\n", "{not json"), 401, "invalid_signature"),
                // sizes
                new Case("Content-Length over the limit", ingest, ascii("POST /api/v1/webhooks/custom HTTP/1.1\nHost: localhost\n"
                        + "Content-Type: application/json\nX-Idempotency-Key: hostile-3\nContent-Length: 600000\nConnection: close\n\n"), 413, "payload_too_large"),
                new Case("Expect: 100-continue with a 10 MiB Content-Length", ingest, ascii("POST /api/v1/webhooks/custom HTTP/1.1\n"
                        + "Host: localhost\nContent-Type: application/json\nX-Idempotency-Key: hostile-4\nExpect: 100-continue\n"
                        + "Content-Length: 10485760\n\n"), 413, "payload_too_large"),
                new Case("chunked body over the limit", ingest, chunked("80001\n" + "a".repeat(0x80001) + "\n0\n\n"), 413, "payload_too_large"),
                // framing
                new Case("chunk size zz", ingest, chunked("zz\n{}\n0\n\n"), 400, "bad_request"),
                new Case("negative chunk size", ingest, chunked("-2\n{}\n0\n\n"), 400, "bad_request"),
                new Case("chunk size overflowing a long", ingest, chunked("FFFFFFFFFFFFFFFFFFFF\n{}\n0\n\n"), 400, "bad_request"),
                new Case("chunk data longer than its size", ingest, chunked("2\n{\"a\":1}\n0\n\n"), 400, "bad_request"),
                new Case("Content-Length and Transfer-Encoding together (smuggling)", ingest, ascii("POST /api/v1/webhooks/custom HTTP/1.1\n"
                        + "Host: localhost\nContent-Type: application/json\nX-Idempotency-Key: hostile-5\nContent-Length: 4\n"
                        + "Transfer-Encoding: chunked\nConnection: close\n\n0\n\nGET /metrics HTTP/1.1\nHost: x\n\n"), 400, "bad_request"),
                new Case("two different Content-Lengths (smuggling)", ingest, ascii("POST /api/v1/webhooks/custom HTTP/1.1\nHost: localhost\n"
                        + "Content-Type: application/json\nX-Idempotency-Key: hostile-6\nContent-Length: 2\nContent-Length: 30\n"
                        + "Connection: close\n\n{}"), 400, "bad_request"),
                new Case("unknown transfer coding", ingest, ascii("POST /api/v1/webhooks/custom HTTP/1.1\nHost: localhost\n"
                        + "Transfer-Encoding: bogus\nX-Idempotency-Key: hostile-7\nConnection: close\n\n"), 400, null),
                new Case("space in a header name", ingest, ascii("GET /health/live HTTP/1.1\nHost: localhost\nBad Header: x\n\n"), 400, "bad_request"),
                new Case("NUL in the path", ingest, ascii("GET /api/v1/webhooks/%00 HTTP/1.1\nHost: localhost\n\n"), 400, "bad_request"),
                new Case("URL too long", ingest, ascii("GET /" + "a".repeat(70_000) + " HTTP/1.1\nHost: localhost\n\n"), 414, "uri_too_long"),
                new Case("headers too large", ingest, ascii("GET /health/live HTTP/1.1\nHost: localhost\nX-Big: " + "b".repeat(70_000) + "\n\n"), 431, "headers_too_large"),
                new Case("request line without an HTTP version (Jetty said 505)", ingest, ascii("GET /health/live\n\n"), 400, "bad_request"),
                new Case("unsupported HTTP version", ingest, ascii("GET /health/live HTTP/7.1\nHost: localhost\n\n"), 400, "bad_request"),
                // signatures, one class per provider
                new Case("stripe without a signature", ingest, json("stripe", "", "{\"id\":\"evt_h1\"}"), 401, "invalid_signature"),
                new Case("stripe with a wrong signature", ingest, json("stripe", "Stripe-Signature: t=" + now + ",v1=" + "0".repeat(64) + "\n",
                        "{\"id\":\"evt_h2\"}"), 401, "invalid_signature"),
                new Case("stripe signed 301 s ago", ingest, json("stripe", "Stripe-Signature: " + Signatures.stripe(STRIPE, now - 301,
                        "{\"id\":\"evt_h3\"}") + "\n", "{\"id\":\"evt_h3\"}"), 401, "invalid_signature"),
                new Case("stripe signed at now - 2^63", ingest, json("stripe", "Stripe-Signature: " + Signatures.stripe(STRIPE,
                        now - Long.MIN_VALUE, "{\"id\":\"evt_h4\"}") + "\n", "{\"id\":\"evt_h4\"}"), 401, "invalid_signature"),
                new Case("github with a wrong signature", ingest, json("github", "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\n"
                        + "X-GitHub-Delivery: hostile-8\n", "{}"), 401, "invalid_signature"),
                new Case("shopify with a wrong signature", ingest, json("shopify", "X-Shopify-Hmac-Sha256: AAAA\nX-Shopify-Webhook-Id: hostile-9\n",
                        "{}"), 401, "invalid_signature"),
                new Case("standard webhooks signed in the future", ingest, json("standard", "webhook-id: hostile-10\nwebhook-timestamp: "
                        + (now + 400) + "\nwebhook-signature: " + Signatures.standard(STANDARD, "hostile-10", now + 400, "{}") + "\n", "{}"),
                        401, "invalid_signature"),
                new Case("standard webhooks with a signature of another body", ingest, json("standard", "webhook-id: hostile-11\n"
                        + "webhook-timestamp: " + now + "\nwebhook-signature: " + Signatures.standard(STANDARD, "hostile-11", now, "{}")
                        + "\n", "{\"a\":1}"), 401, "invalid_signature"),
                // bodies
                new Case("body that is not JSON", ingest, json("custom", "X-Idempotency-Key: hostile-12\n", "{\"a\":"), 400, "invalid_payload"),
                new Case("overlong UTF-8", ingest, webhook("/api/v1/webhooks/custom", "application/json", "X-Idempotency-Key: hostile-13\n",
                        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}), 400, "invalid_payload"),
                new Case("UTF-16 JSON", ingest, webhook("/api/v1/webhooks/custom", "application/json", "X-Idempotency-Key: hostile-14\n",
                        "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE)), 400, "invalid_payload"),
                new Case("raw FF FE in a form", ingest, webhook("/api/v1/whatsapp/webhook", "application/x-www-form-urlencoded",
                        "X-Idempotency-Key: hostile-15\n", concat(ascii("From=x&Body=order+1+"), new byte[] {(byte) 0xFF, (byte) 0xFE})), 400, "invalid_payload"),
                new Case("percent escapes that are not UTF-8 in a form", ingest, webhook("/api/v1/whatsapp/webhook",
                        "application/x-www-form-urlencoded", "X-Idempotency-Key: hostile-16\n", ascii("From=x&Body=%C0%AF")), 400, "invalid_payload"),
                new Case("gzip bomb sent as the body", ingest, webhook("/api/v1/webhooks/custom", "application/json",
                        "Content-Encoding: gzip\nX-Idempotency-Key: hostile-17\n", bomb.toByteArray()), 400, "invalid_payload"),
                new Case("JSON nested 100000 deep", ingest, json("custom", "X-Idempotency-Key: hostile-18\n", "[".repeat(100_000)), 400, "invalid_payload"),
                new Case("100000 form parameters and no key", ingest, webhook("/api/v1/whatsapp/webhook", "application/x-www-form-urlencoded", "",
                        ascii(manyParams.toString())), 400, "missing_idempotency_key"),
                // keys
                new Case("no key anywhere", ingest, json("custom", "", order), 400, "missing_idempotency_key"),
                new Case("key header sent twice", ingest, json("custom", "X-Idempotency-Key: hostile-19\nX-Idempotency-Key: hostile-20\n", order),
                        400, "invalid_idempotency_key"),
                new Case("key with a space", ingest, json("custom", "X-Idempotency-Key: hostile 21\n", order), 400, "invalid_idempotency_key"),
                new Case("key of 256 characters", ingest, json("custom", "X-Idempotency-Key: " + "k".repeat(256) + "\n", order), 400, "invalid_idempotency_key"),
                new Case("key with a path in it", ingest, json("custom", "X-Idempotency-Key: ../../etc\n", order), 400, "invalid_idempotency_key"),
                // guards
                new Case("dedup stats without OPS_TOKEN", dedup, get("/api/v1/idempotency/stats", null), 401, "unauthorized"),
                new Case("dedup forget without OPS_TOKEN", dedup, ascii("DELETE /api/v1/idempotency/keys/custom/x HTTP/1.1\nHost: localhost\n"
                        + "Connection: close\n\n"), 401, "unauthorized"),
                new Case("dedup internal route without INTERNAL_TOKEN", dedup, get("/internal/v1/stats/local", null), 401, "unauthorized"),
                new Case("dedup internal route with OPS_TOKEN", dedup, get("/internal/v1/stats/local", "Bearer " + OPS), 401, "unauthorized"),
                // routes match the raw path: dot segments lead nowhere, certainly not into /internal/* under the ops token
                new Case("dot segments from /api into /internal", dedup, get("/api/v1/../../internal/v1/stats/local", "Bearer " + OPS), 404, "not_found"),
                new Case("encoded dot segments", dedup, get("/api/v1/%2e%2e/%2e%2e/internal/v1/stats/local", "Bearer " + OPS), 404, "not_found"),
                new Case("metrics without OPS_TOKEN", orders, get("/metrics", null), 401, "unauthorized"),
                new Case("orders without OPS_TOKEN", orders, get("/api/v1/orders", null), 401, "unauthorized"),
                new Case("bearer token in another case and spacing", orders, get("/api/v1/orders", "Bearer  " + OPS.toUpperCase()), 401, "unauthorized"),
                // query parameters
                new Case("partition the topic does not have", dedup, get("/internal/v1/entries/custom/x?partition=99999", "Bearer " + INTERNAL),
                        400, "invalid_request"),
                new Case("wait_ms that is not a number", dedup, concat(ascii("POST /internal/v1/verdicts HTTP/1.1\nHost: localhost\n"
                        + "Authorization: Bearer " + INTERNAL + "\nContent-Type: application/json\nContent-Length: 30\nConnection: close\n\n"),
                        ascii("{\"wait_ms\":\"abc\",\"queries\":[]}")), 400, "invalid_request"),
                new Case("verdict batch that is not JSON", dedup, concat(ascii("POST /internal/v1/verdicts HTTP/1.1\nHost: localhost\n"
                        + "Authorization: Bearer " + INTERNAL + "\nContent-Type: application/json\nContent-Length: 5\nConnection: close\n\n"),
                        ascii("{\"q\":")), 400, "invalid_request"),
                new Case("retailer filter with a bad escape", orders, get("/api/v1/orders?retailer=%ZZ", "Bearer " + OPS), 400, "invalid_parameter"),
                new Case("a filter the route does not have", orders, get("/api/v1/payments?retailer=hostile", "Bearer " + OPS), 400, "invalid_parameter"),
                new Case("limit out of range", orders, get("/api/v1/orders?limit=100000", "Bearer " + OPS), 400, "invalid_parameter")));
        return cases;
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyHostileClassIsRefusedWithTheJsonErrorBody() throws Exception {
        List<Case> cases = cases();
        assertThat(cases).as("the suite covers at least 40 classes").hasSizeGreaterThanOrEqualTo(40);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            RawHttp.Reply reply = RawHttp.exchange(c.port().getAsInt(), c.request());
            assertThat(reply.status()).as(c.name() + " -> " + reply).isEqualTo(c.status());
            assertThat(reply.header("Content-Type").orElse("")).as(c.name() + " -> " + reply).startsWith("application/json");
            if (c.code() != null) {
                assertThat(reply.errorCode()).as(c.name() + " -> " + reply).contains(c.code());
            } else {
                assertThat(reply.errorCode()).as(c.name() + " -> " + reply).isPresent();
            }
        }));
    }

    @Test
    @Order(2)
    void noRefusedRequestLeftATraceInAnyTopicOrTheLedger() throws Exception {
        // one accepted order after all the refusals: once it is in the ledger, anything published before it would be too
        String sentinel = "sentinel-" + UUID.randomUUID();
        RawHttp.Reply accepted = RawHttp.exchange(stack.ingestPort(), json("custom", "X-Idempotency-Key: " + sentinel + "\n",
                "{\"type\":\"order.created\",\"retailer\":\"sentinel\",\"items\":[{\"sku\":\"x\",\"quantity\":1}]}"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                RawHttp.exchange(stack.ordersPort(), get("/api/v1/orders", "Bearer " + OPS)).body().contains(sentinel));

        Topics topics = new Topics(run);
        for (String topic : List.of(topics.inbound(), topics.unique(), topics.duplicates(), topics.dlq(), topics.commands())) {
            List<String> keys = CommittedRecords.read(stack.kafkaBootstrapServers(), topic, new StringDeserializer(), Duration.ofSeconds(30))
                    .stream().map(r -> r.key()).toList();
            assertThat(keys).as(topic).allMatch(key -> key.equals("custom:" + sentinel));
        }
        String ordersBody = RawHttp.exchange(stack.ordersPort(), get("/api/v1/orders", "Bearer " + OPS)).body();
        assertThat(ordersBody.split("\"event_id\"").length - 1).as(ordersBody).isEqualTo(1);
        assertThat(RawHttp.exchange(stack.ordersPort(), get("/api/v1/payments", "Bearer " + OPS)).body()).contains("\"payments\":[]");
    }
}
