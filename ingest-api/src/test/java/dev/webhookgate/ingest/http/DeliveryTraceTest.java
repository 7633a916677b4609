package dev.webhookgate.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.webhookgate.fixture.MemoryTracing;
import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.http.Metrics;
import dev.webhookgate.ingest.TestConfigs;
import dev.webhookgate.runtime.tracing.SpanAttributes;
import io.javalin.Javalin;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest's spans for a request (docs/tracing.md), with the HTTP layer in-process over a {@link FakePublisher}
 * and {@link ScriptedVerdicts} and tracing on: every span of a request has ended by the time its answer arrives.
 */
class DeliveryTraceTest {

    private static final String ORDER = """
            {"type":"order.created","amount":2500}""";
    private static final String PROVIDER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PROVIDER_SPAN = "00f067aa0ba902b7";
    private static final String CUSTOM_ROUTE = "POST " + WebhookController.WEBHOOK_ROUTE;

    private final FakePublisher publisher = new FakePublisher();
    private final ScriptedVerdicts verdicts = new ScriptedVerdicts(publisher);
    private final MemoryTracing tracing = new MemoryTracing("ingest-api");
    private Javalin app;
    private TestHttp http;

    @BeforeEach
    void startTracedIngest() {
        app = new IngestApp(TestConfigs.of("INGEST_PORT", "0", "VERDICT_TIMEOUT_MS", "4000"), publisher, verdicts, Clock.systemUTC(),
                Metrics.registry("ingest-api"), () -> null, new InFlight(), tracing.tracing()).create().start();
        http = TestHttp.to(app.port());
    }

    @AfterEach
    void stop() {
        app.stop();
        tracing.close();
    }

    private TestHttp.Reply custom(String key, String body, String... headers) {
        Map<String, String> all = new HashMap<>(Map.of("X-Idempotency-Key", key));
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        return http.post("/api/v1/webhooks/custom", body, all);
    }

    private SpanData server() {
        return tracing.only(span -> span.getKind() == SpanKind.SERVER);
    }

    @Test
    void theProvidersTraceparentIsTheServerSpansParent() {
        TestHttp.Reply answer = custom("k-" + UUID.randomUUID(), ORDER, "traceparent", "00-" + PROVIDER_TRACE + "-" + PROVIDER_SPAN + "-01");
        assertThat(answer.status()).isEqualTo(200);

        SpanData server = server();
        assertThat(server.getName()).isEqualTo(CUSTOM_ROUTE);
        assertThat(server.getTraceId()).isEqualTo(PROVIDER_TRACE);
        assertThat(server.getParentSpanId()).isEqualTo(PROVIDER_SPAN);
        assertThat(server.getAttributes().get(SpanAttributes.HTTP_METHOD)).isEqualTo("POST");
        assertThat(server.getAttributes().get(SpanAttributes.HTTP_ROUTE)).isEqualTo(WebhookController.WEBHOOK_ROUTE);
        assertThat(server.getAttributes().get(SpanAttributes.HTTP_STATUS)).isEqualTo(200L);
        assertThat(server.getAttributes().get(SpanAttributes.PROVIDER)).isEqualTo("custom");
        assertThat(server.getAttributes().get(SpanAttributes.EVENT_ID)).isEqualTo(publisher.published().get(0).eventId());
        assertThat(server.getAttributes().get(SpanAttributes.ANSWER)).isEqualTo("accepted");
        assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceOfItsOwn() {
        assertThat(http.post(WebhookController.WHATSAPP_ROUTE, "{\"Body\": \"Order 3 pears\"}",
                Map.of("X-Idempotency-Key", "SM" + UUID.randomUUID().toString().replace("-", ""), "Content-Type", "application/json"))
                .status()).isEqualTo(200);

        SpanData server = server();
        assertThat(server.getName()).isEqualTo("POST " + WebhookController.WHATSAPP_ROUTE);
        assertThat(server.getParentSpanContext().isValid()).isFalse();
        assertThat(server.getAttributes().get(SpanAttributes.PROVIDER)).isEqualTo("whatsapp");
    }

    @Test
    void thePublishSpanIsTheServerSpansChildAndWhatTheRecordCarries() {
        String key = "k-" + UUID.randomUUID();
        custom(key, ORDER, "traceparent", "00-" + PROVIDER_TRACE + "-" + PROVIDER_SPAN + "-01");

        SpanData server = server();
        SpanData publish = tracing.named("send fake.inbound");
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getTraceId()).isEqualTo(PROVIDER_TRACE);
        assertThat(publish.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(publish.getAttributes().get(SpanAttributes.MESSAGING_SYSTEM)).isEqualTo("kafka");
        assertThat(publish.getAttributes().get(SpanAttributes.MESSAGING_DESTINATION)).isEqualTo("fake.inbound");
        assertThat(publish.getAttributes().get(SpanAttributes.MESSAGING_OPERATION)).isEqualTo("send");
        assertThat(publish.getAttributes().get(SpanAttributes.MESSAGING_KEY)).isEqualTo("custom:" + key);
        assertThat(publish.getAttributes().get(SpanAttributes.MESSAGING_PARTITION)).isEqualTo("0");
        assertThat(publish.getAttributes().get(SpanAttributes.MESSAGING_OFFSET)).isEqualTo(0L);
        // the publisher writes this context into the record's headers, so dedup-streams continues from the publish span
        assertThat(publisher.traces()).singleElement()
                .extracting(context -> Span.fromContext(context).getSpanContext().getSpanId()).isEqualTo(publish.getSpanId());
    }

    @Test
    void theVerdictWaitIsTheServerSpansChildWithWhatItLearned() {
        custom("k-" + UUID.randomUUID(), ORDER);

        SpanData wait = tracing.named("verdict wait");
        assertThat(wait.getParentSpanId()).isEqualTo(server().getSpanId());
        assertThat(wait.getTraceId()).isEqualTo(server().getTraceId());
        assertThat(wait.getAttributes().get(SpanAttributes.VERDICT)).isEqualTo("first_delivery");
        assertThat(wait.getEvents()).isEmpty();
    }

    @Test
    void noVerdictIsAnUnknownWaitWithItsReasonAndAQueuedAnswer() {
        verdicts.unknown();
        assertThat(custom("k-" + UUID.randomUUID(), ORDER).status()).isEqualTo(202);

        SpanData wait = tracing.named("verdict wait");
        assertThat(wait.getAttributes().get(SpanAttributes.VERDICT)).isEqualTo("unknown");
        assertThat(wait.getEvents()).extracting(EventData::getName).containsExactly("dedup-streams answered 503");
        assertThat(server().getAttributes().get(SpanAttributes.ANSWER)).isEqualTo("queued");
        assertThat(server().getAttributes().get(SpanAttributes.HTTP_STATUS)).isEqualTo(202L);
    }

    @Test
    void aRetryIsATraceOfItsOwnAnsweredReplayed() {
        String key = "k-" + UUID.randomUUID();
        custom(key, ORDER);
        assertThat(custom(key, ORDER).header(WebhookController.REPLAYED_HEADER)).contains("true");

        // the link to the first delivery is dedup-streams' to make (it knows the first's span); the ingest only starts the trace
        assertThat(tracing.spans()).filteredOn(span -> span.getKind() == SpanKind.SERVER)
                .extracting(span -> span.getAttributes().get(SpanAttributes.ANSWER))
                .containsExactly("accepted", "replayed");
        assertThat(tracing.spans()).filteredOn(span -> span.getKind() == SpanKind.SERVER)
                .extracting(SpanData::getTraceId).doesNotHaveDuplicates();
        assertThat(tracing.spans()).allSatisfy(span -> assertThat(span.getLinks()).isEmpty());
    }

    @Test
    void aPublishKafkaDidNotConfirmIsAnErrorAndSoIsTheAnswer() {
        publisher.fails();
        assertThat(custom("k-" + UUID.randomUUID(), ORDER).status()).isEqualTo(503);

        SpanData publish = tracing.named("send fake.inbound");
        assertThat(publish.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(publish.getStatus().getDescription()).isEqualTo("TimeoutException");
        assertThat(publish.getEvents()).extracting(EventData::getName).containsExactly("exception");
        assertThat(publish.getAttributes().get(SpanAttributes.MESSAGING_OFFSET)).isNull();
        SpanData server = server();
        assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(server.getAttributes().get(SpanAttributes.HTTP_STATUS)).isEqualTo(503L);
        assertThat(server.getAttributes().get(SpanAttributes.ANSWER)).isEqualTo("unavailable");
        assertThat(tracing.spans()).extracting(SpanData::getName).doesNotContain("verdict wait");
    }

    @Test
    void aKeyReusedWithAnotherBodyEndsTheServerSpanWithItsErrorCode() {
        String key = "k-" + UUID.randomUUID();
        custom(key, ORDER);
        assertThat(custom(key, """
                {"type":"order.created","amount":9900}""").status()).isEqualTo(422);

        assertThat(tracing.spans()).filteredOn(span -> span.getKind() == SpanKind.SERVER)
                .extracting(span -> span.getAttributes().get(SpanAttributes.ANSWER), span -> span.getAttributes().get(SpanAttributes.HTTP_STATUS))
                .containsExactly(tuple("accepted", 200L),
                        tuple("idempotency_key_reused", 422L));
    }

    @Test
    void aRejectedRequestIsOnlyAServerSpanWithItsErrorCode() {
        assertThat(http.post("/api/v1/webhooks/custom", "{}", Map.of()).status()).isEqualTo(400);

        SpanData server = server();
        assertThat(server.getAttributes().get(SpanAttributes.HTTP_STATUS)).isEqualTo(400L);
        assertThat(server.getAttributes().get(SpanAttributes.ANSWER)).isEqualTo("missing_idempotency_key");
        // a client's mistake is not the server's error
        assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(tracing.spans()).hasSize(1);
        assertThat(publisher.traces()).isEmpty();
    }

    @Test
    void aFailureWhileTheRequestIsCheckedEndsTheServerSpanAsA500Error() {
        publisher.throwsOnPublish();
        assertThat(custom("k-" + UUID.randomUUID(), ORDER).status()).isEqualTo(500);

        SpanData server = server();
        assertThat(server.getAttributes().get(SpanAttributes.HTTP_STATUS)).isEqualTo(500L);
        assertThat(server.getAttributes().get(SpanAttributes.ANSWER)).isEqualTo("internal_error");
        assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void anUnforeseenFailureOfTheAnswerEndsTheServerSpanAsA500Error() {
        verdicts.breaks();
        assertThat(custom("k-" + UUID.randomUUID(), ORDER).status()).isEqualTo(500);

        SpanData server = server();
        assertThat(server.getAttributes().get(SpanAttributes.ANSWER)).isEqualTo("internal_error");
        assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(tracing.named("verdict wait").getAttributes().get(SpanAttributes.VERDICT)).isEqualTo("unknown");
    }
}
