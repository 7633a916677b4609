package dev.webhookgate.ingest.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.webhookgate.fixture.CommittedRecords;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.http.testing.RawHttp;
import dev.webhookgate.ingest.support.Stack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ingest's share of the hostile-input probe, on a real broker and a real dedup-streams: each request is
 * refused with the contract's JSON body and a 4xx, and (checked last) none of them left a record in inbound.
 */
// Isolated (pom.xml runs classes two at a time): times answers beside 500 stalled connections; only its own load may count.
@Isolated
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileIngestRequestsTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    private static final String STRIPE_SECRET = "whsec_hostile";
    private static Stack stack;
    private static int port;

    @BeforeAll
    static void start() {
        stack = Stack.start(kafka.bootstrapServers(), kafka.createRandomTopics(Stack.PARTITIONS), "STRIPE_WEBHOOK_SECRET", STRIPE_SECRET);
        port = stack.ingest().port();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String post(String path, String headers, int contentLength) {
        return "POST " + path + " HTTP/1.1\nHost: localhost\nContent-Type: application/json\n" + headers
                + "Content-Length: " + contentLength + "\nConnection: close\n\n";
    }

    private static RawHttp.Reply send(String path, String headers, byte[] body) {
        return RawHttp.exchange(port, RawHttp.request(post(path, headers, body.length), body));
    }

    private static void refused(RawHttp.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type").orElse("")).as(reply.toString()).startsWith("application/json");
        assertThat(reply.errorCode()).as(reply.toString()).contains(code);
    }

    @Test
    void theSameKeyHeaderTwiceIsRefusedWhateverTheValues() {
        byte[] body = "{\"type\":\"order.created\"}".getBytes(StandardCharsets.UTF_8);
        refused(send("/api/v1/webhooks/custom", "X-Idempotency-Key: dup-a\nX-Idempotency-Key: dup-b\n", body), 400, "invalid_idempotency_key");
        refused(send("/api/v1/webhooks/custom", "X-Idempotency-Key: dup-c\nX-Idempotency-Key: dup-c\n", body), 400, "invalid_idempotency_key");
        refused(send("/api/v1/webhooks/custom", "Idempotency-Key: dup-d\nIdempotency-Key: dup-e\n", body), 400, "invalid_idempotency_key");
        refused(send("/api/v1/webhooks/github", "X-GitHub-Delivery: dup-f\nX-GitHub-Delivery: dup-g\n", body), 400, "invalid_idempotency_key");
    }

    @Test
    void bodiesThatAreNotUtf8AreInvalidPayloads() {
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        refused(send("/api/v1/webhooks/custom", "X-Idempotency-Key: utf-1\n", overlong), 400, "invalid_payload");
        refused(send("/api/v1/webhooks/custom", "X-Idempotency-Key: utf-2\n", "{\"a\":1}".getBytes(StandardCharsets.UTF_16)),
                400, "invalid_payload");
        byte[] form = "From=whatsapp%3A%2B1&Body=order+1+\u00ff\u00fe".getBytes(StandardCharsets.ISO_8859_1);
        RawHttp.Reply reply = RawHttp.exchange(port, RawHttp.request("POST /api/v1/whatsapp/webhook HTTP/1.1\nHost: localhost\n"
                + "Content-Type: application/x-www-form-urlencoded\nX-Idempotency-Key: utf-3\nContent-Length: " + form.length
                + "\nConnection: close\n\n", form));
        refused(reply, 400, "invalid_payload");
    }

    @Test
    void aCorrectlySignedStripeTimestampFarInThePastIsRefused() throws Exception {
        String body = "{\"id\":\"evt_overflow\",\"type\":\"payment_intent.succeeded\"}";
        long t = Instant.now().getEpochSecond() - Long.MIN_VALUE; // now - 2^63, wrapped
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        refused(send("/api/v1/webhooks/stripe", "Stripe-Signature: t=" + t + ",v1=" + v1 + "\n", body.getBytes(StandardCharsets.UTF_8)),
                401, "invalid_signature");
    }

    @Test
    void malformedChunkedFramingIs400AndLogsAtMostOneLine() {
        String head = "POST /api/v1/webhooks/custom HTTP/1.1\nHost: localhost\nContent-Type: application/json\n"
                + "X-Idempotency-Key: chunk-%d\nTransfer-Encoding: chunked\nConnection: close\n\n";
        String[] framings = {"zz\r\n{}\r\n0\r\n\r\n", "-2\r\n{}\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
                "2\r\n{\"a\":1}\r\n0\r\n\r\n"};
        for (int i = 0; i < framings.length; i++) {
            int n = i;
            String log = capturingStderr(() -> {
                RawHttp.Reply reply = RawHttp.exchange(port, RawHttp.request(head.formatted(n), framings[n].getBytes(StandardCharsets.ISO_8859_1)));
                refused(reply, 400, "bad_request");
            });
            // the broker and Streams log on their own threads meanwhile; only what the HTTP layer wrote counts
            assertThat(log.lines().filter(line -> !line.isBlank() && !line.contains("org.apache.kafka")).count()).as(log).isLessThanOrEqualTo(1);
            assertThat(log).doesNotContain("\tat ");
        }
    }

    @Test
    void aContentLengthOverTheLimitIs413BeforeAnyContinue() {
        try (RawHttp connection = RawHttp.open(port)) {
            connection.write(RawHttp.request("POST /api/v1/webhooks/custom HTTP/1.1\nHost: localhost\nContent-Type: application/json\n"
                    + "X-Idempotency-Key: expect-1\nExpect: 100-continue\nContent-Length: 10485760\n\n", new byte[0]));
            RawHttp.Reply reply = connection.read();
            refused(reply, 413, "payload_too_large");
        }
    }

    @Test
    void protocolLevelRejectionsAnswerTheJsonErrorBody() {
        refused(RawHttp.exchange(port, "GET /health/live HTTP/1.1\nHost: localhost\nBad Header: x\n\n".replace("\n", "\r\n")), 400, "bad_request");
        refused(RawHttp.exchange(port, "GET /api/v1/webhooks/%00 HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "bad_request");
        refused(RawHttp.exchange(port, "GET /" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), 414, "uri_too_long");
        refused(RawHttp.exchange(port, "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(70_000) + "\r\n\r\n"),
                431, "headers_too_large");
        // a coding Jetty does not decode is either refused by Jetty or reaches the routes as bytes that are not JSON
        for (String coding : new String[] {"gzip, chunked", "bogus", "chunked, chunked", "identity"}) {
            RawHttp.Reply reply = RawHttp.exchange(port, "POST /api/v1/webhooks/custom HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: "
                    + coding + "\r\nX-Idempotency-Key: te-1\r\nConnection: close\r\n\r\n0\r\n\r\n");
            assertThat(reply.status()).as(coding + " -> " + reply).isEqualTo(400);
            assertThat(reply.errorCode()).as(reply.toString()).isPresent();
        }
    }

    @Test
    void aStalledBodyIs408AndFiveHundredStalledClientsDelayNobody() throws Exception {
        List<RawHttp> stalled = new ArrayList<>();
        // warm first, so the figure printed below is the stalled clients' cost, not the first send's metadata
        // fetch, the verdict client's first connection and cold code (docs/security.md has the figures)
        for (int i = 0; i < 20; i++) {
            normalWebhook();
        }
        long baseline = normalWebhook();
        try {
            for (int i = 0; i < 500; i++) {
                byte[] half = "{\"type\":\"order.created\",\"pad\":\"".getBytes(StandardCharsets.UTF_8);
                stalled.add(RawHttp.open(port).write(RawHttp.request(post("/api/v1/webhooks/custom", "X-Idempotency-Key: stall-" + i + "\n", 4096), half)));
            }
            long worst = 0;
            for (int i = 0; i < 5; i++) {
                worst = Math.max(worst, normalWebhook());
            }
            System.out.printf("normal webhook answered in %d ms with no stalled connections, at worst %d ms of 5 with 500%n", baseline, worst);
            RawHttp.Reply timedOut = stalled.get(0).read();
            refused(timedOut, 408, "request_timeout");
        } finally {
            stalled.forEach(RawHttp::close);
        }
        assertThat(inboundKeys()).noneMatch(k -> k.contains("stall-"));
    }

    /** One webhook on a fresh connection, answered within the contract's whole-answer bound; returns its time in ms. */
    private static long normalWebhook() throws Exception {
        // a client of its own, so each webhook comes on a new connection, accepted beside the stalled ones
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long started = System.nanoTime();
        // before the fix a webhook waited here for Jetty's 30 s idle timeout
        HttpResponse<String> normal = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/custom"))
                .timeout(Duration.ofSeconds(5)).header("X-Idempotency-Key", "normal-" + UUID.randomUUID()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"ping\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(normal.statusCode()).as(normal.body()).isIn(200, 202);
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noRefusedRequestLeftARecordInInbound() {
        // runs with the others in one JVM; records only from keys no refusal used are allowed
        assertThat(inboundKeys()).allMatch(k -> k.startsWith("custom:normal-"));
    }

    private static List<String> inboundKeys() {
        return CommittedRecords.read(kafka.bootstrapServers(), stack.topics().inbound(), new ByteArrayDeserializer(), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::key).toList();
    }

    private static String capturingStderr(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
