package dev.webhookgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.fixture.MemorySpanExporterProvider;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.runtime.tracing.SpanAttributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three services in one JVM on a real broker, traced into an in-memory exporter chosen the way an operator
 * chooses one (OTEL_TRACES_EXPORTER): a first delivery is one trace from the provider's traceparent to the
 * ledger, and its retry's trace links back to it.
 */
class TracingAcrossTheStackTest {

    private static final String BODY = "{\"From\": \"whatsapp:+9779800000000\", \"Body\": \"Order 3 pears\"}";
    private static final String PROVIDER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PROVIDER_SPAN = "00f067aa0ba902b7";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalStack stack;
    private String runId;

    @BeforeEach
    void startTracedStack() {
        MemorySpanExporterProvider.SPANS.reset();
        runId = "trace-" + UUID.randomUUID().toString().substring(0, 8);
        Env env = new Env(Map.ofEntries(Map.entry("DATA_DIR", dataDir.toString()), Map.entry("KAFKA_PORT", "0"),
                Map.entry("INGEST_PORT", "0"), Map.entry("DEDUP_PORT", "0"), Map.entry("ORDERS_PORT", "0"), Map.entry("CONSOLE_PORT", "0"),
                Map.entry("TOPIC_PREFIX", runId), Map.entry("APPLICATION_ID", runId + "-dedup"),
                Map.entry("ORDERS_GROUP_ID", runId + "-orders"),
                Map.entry("OTEL_TRACES_EXPORTER", "memory"), Map.entry("OTEL_BSP_SCHEDULE_DELAY", "50")));
        stack = LocalStack.start(LocalStackOptions.parse(new String[0], env)).awaitReady();
    }

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aFirstDeliveryIsOneTraceFromTheProvidersTraceparentToTheLedger() throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = post(key, Optional.of("00-" + PROVIDER_TRACE + "-" + PROVIDER_SPAN + "-01"));
        assertThat(first.statusCode()).isEqualTo(200);

        SpanData ledger = awaitSpan(s -> s.getName().equals("process " + runId + ".unique") && s.getTraceId().equals(PROVIDER_TRACE));
        List<SpanData> trace = spans().stream().filter(s -> s.getTraceId().equals(PROVIDER_TRACE)).toList();
        SpanData server = only(trace, s -> s.getKind() == SpanKind.SERVER);
        SpanData publish = only(trace, s -> s.getName().equals("send " + runId + ".inbound"));
        SpanData verdict = only(trace, s -> s.getName().equals("verdict wait"));
        SpanData dedup = only(trace, s -> s.getName().equals("process " + runId + ".inbound"));

        assertThat(server.getName()).isEqualTo("POST /api/v1/whatsapp/webhook");
        assertThat(server.getParentSpanId()).isEqualTo(PROVIDER_SPAN);
        assertThat(server.getAttributes().get(SpanAttributes.HTTP_STATUS)).isEqualTo(200L);
        assertThat(server.getAttributes().get(SpanAttributes.ANSWER)).isEqualTo("accepted");
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(verdict.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(verdict.getAttributes().get(SpanAttributes.VERDICT)).isEqualTo("first_delivery");
        assertThat(dedup.getParentSpanId()).isEqualTo(publish.getSpanId());
        assertThat(dedup.getAttributes().get(SpanAttributes.DECISION)).isEqualTo("first");
        assertThat(ledger.getParentSpanId()).isEqualTo(dedup.getSpanId());
        assertThat(ledger.getKind()).isEqualTo(SpanKind.CONSUMER);
        // the transaction's own span, in a trace of its own, points at the event it wrote and back
        SpanData batch = awaitSpan(s -> s.getName().equals("ledger transaction")
                && s.getLinks().stream().anyMatch(l -> l.getSpanContext().getSpanId().equals(dedup.getSpanId())));
        assertThat(ledger.getLinks()).extracting(l -> l.getSpanContext().getSpanId()).containsExactly(batch.getSpanId());
    }

    @Test
    void aRetrysTraceLinksToTheFirstDeliverysTrace() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(post(key, Optional.empty()).statusCode()).isEqualTo(200);
        SpanData firstDedup = awaitSpan(s -> s.getName().equals("process " + runId + ".inbound")
                && "first".equals(s.getAttributes().get(SpanAttributes.DECISION)));

        HttpResponse<String> retry = post(key, Optional.empty());
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");

        SpanData retryDedup = awaitSpan(s -> s.getName().equals("process " + runId + ".inbound")
                && "duplicate".equals(s.getAttributes().get(SpanAttributes.DECISION)));
        assertThat(retryDedup.getTraceId()).isNotEqualTo(firstDedup.getTraceId());
        assertThat(retryDedup.getLinks()).extracting(LinkData::getSpanContext)
                .extracting(SpanContext::getTraceId, SpanContext::getSpanId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(firstDedup.getTraceId(), firstDedup.getSpanId()));
        SpanData retryServer = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(retryDedup.getTraceId()));
        assertThat(retryServer.getAttributes().get(SpanAttributes.ANSWER)).isEqualTo("replayed");
    }

    private HttpResponse<String> post(String key, Optional<String> traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ingestPort() + "/api/v1/whatsapp/webhook"))
                .header("X-Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        traceparent.ifPresent(value -> request.header("traceparent", value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<SpanData> spans() {
        return MemorySpanExporterProvider.SPANS.getFinishedSpanItems();
    }

    private static SpanData awaitSpan(Predicate<SpanData> wanted) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> spans().stream().filter(wanted).findFirst(), Optional::isPresent).get();
    }

    private static SpanData only(List<SpanData> spans, Predicate<SpanData> wanted) {
        List<SpanData> found = spans.stream().filter(wanted).toList();
        assertThat(found).as("spans of the trace: %s", spans.stream().map(SpanData::getName).toList()).hasSize(1);
        return found.get(0);
    }
}
