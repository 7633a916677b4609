package dev.webhookgate.dedup.topology;

import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.webhookgate.contract.DuplicateRecord;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.Verdict;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.fixture.MemoryTracing;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.runtime.tracing.KafkaTraceHeaders;
import dev.webhookgate.runtime.tracing.SpanAttributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology with tracing on, fed inbound records whose headers carry the ingest's publish span. */
class DedupSpanTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.000Z");
    private static final Topics TOPICS = new Topics("webhooks");
    private static final String PROCESS = "process " + TOPICS.inbound();
    private static final String PUBLISH_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PUBLISH_SPAN = "00f067aa0ba902b7";
    private static final String RETRY_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String RETRY_SPAN = "b7ad6b7169203331";

    @TempDir
    Path stateDir;

    private final MemoryTracing tracing = new MemoryTracing("dedup-streams");
    private DedupDriver topology;

    @BeforeEach
    void start() {
        topology = DedupDriver.start(DedupConfig.from(new Env(Map.of("DATA_DIR", stateDir.toString()))), tracing.tracing());
    }

    @AfterEach
    void close() {
        if (topology != null) {
            topology.driver().close();
        }
        tracing.close();
    }

    private WebhookEnvelope send(String body, Instant at, Headers headers) {
        WebhookEnvelope envelope = delivery(Provider.STRIPE, "evt_1", body, at);
        topology.inbound().pipeInput(new TestRecord<>(envelope.key().kafkaKey(), envelope, headers, at));
        return envelope;
    }

    private static Headers published(String traceId, String spanId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaTraceHeaders.TRACEPARENT, ("00-" + traceId + "-" + spanId + "-01").getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String traceparentOf(SpanData span) {
        // the flags as the span has them: a root span of this SDK also sets the random-trace-id bit (03)
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }

    private static List<String> values(Headers headers, String key) {
        return StreamSupport.stream(headers.headers(key).spliterator(), false)
                .map(Header::value).map(value -> new String(value, StandardCharsets.UTF_8)).toList();
    }

    private SpanData decided(String decision) {
        return tracing.only(span -> span.getName().equals(PROCESS) && decision.equals(span.getAttributes().get(SpanAttributes.DECISION)));
    }

    @Test
    void aRecordsSpanIsAChildOfItsPublishSpanWithTheRecordsPlace() {
        WebhookEnvelope first = send("{}", T0, published(PUBLISH_TRACE, PUBLISH_SPAN));

        SpanData span = decided("first");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getTraceId()).isEqualTo(PUBLISH_TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(PUBLISH_SPAN);
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
        assertThat(span.getAttributes().get(SpanAttributes.EVENT_ID)).isEqualTo(first.eventId());
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_SYSTEM)).isEqualTo("kafka");
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_DESTINATION)).isEqualTo(TOPICS.inbound());
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_OPERATION)).isEqualTo("process");
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_PARTITION)).isEqualTo("0");
        assertThat(span.getAttributes().get(SpanAttributes.MESSAGING_OFFSET)).isEqualTo(0L);
        assertThat(span.getLinks()).isEmpty();
    }

    @Test
    void aUniqueRecordCarriesTheDedupSpanInPlaceOfThePublishSpanAndKeepsTheOtherHeaders() {
        Headers headers = published(PUBLISH_TRACE, PUBLISH_SPAN);
        headers.add("x-origin", "ingest-1".getBytes(StandardCharsets.UTF_8));
        send("{}", T0, headers);

        SpanData span = decided("first");
        Headers passedOn = topology.unique().readRecord().headers();
        // replaced, not added: a second traceparent would leave the reader to guess which parent is meant
        assertThat(values(passedOn, KafkaTraceHeaders.TRACEPARENT)).containsExactly(traceparentOf(span));
        assertThat(values(passedOn, "x-origin")).containsExactly("ingest-1");
    }

    @Test
    void aDuplicateLinksToTheFirstDeliverysSpanAndCarriesItsOwnSpanToDuplicates() {
        send("{}", T0, published(PUBLISH_TRACE, PUBLISH_SPAN));
        topology.unique().readRecord();
        send("{}", T0.plusSeconds(30), published(RETRY_TRACE, RETRY_SPAN));

        SpanData first = decided("first");
        SpanData duplicate = decided("duplicate");
        assertThat(duplicate.getTraceId()).isEqualTo(RETRY_TRACE);
        assertThat(duplicate.getParentSpanId()).isEqualTo(RETRY_SPAN);
        assertThat(duplicate.getLinks()).extracting(LinkData::getSpanContext)
                .extracting(SpanContext::getTraceId, SpanContext::getSpanId)
                .containsExactly(tuple(first.getTraceId(), first.getSpanId()));
        TestRecord<String, DuplicateRecord> dropped = topology.duplicates().readRecord();
        assertThat(dropped.value().verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(values(dropped.headers(), KafkaTraceHeaders.TRACEPARENT)).containsExactly(traceparentOf(duplicate));
    }

    @Test
    void aConflictLinksToTheFirstDeliverysSpanToo() {
        send("{\"amount\":100}", T0, published(PUBLISH_TRACE, PUBLISH_SPAN));
        send("{\"amount\":999}", T0.plusSeconds(1), published(RETRY_TRACE, RETRY_SPAN));

        SpanData first = decided("first");
        SpanData conflict = decided("conflict");
        assertThat(conflict.getLinks()).extracting(link -> link.getSpanContext().getSpanId()).containsExactly(first.getSpanId());
        TestRecord<String, DuplicateRecord> dropped = topology.duplicates().readRecord();
        assertThat(dropped.value().verdict()).isEqualTo(Verdict.CONFLICT);
        assertThat(values(dropped.headers(), KafkaTraceHeaders.TRACEPARENT)).containsExactly(traceparentOf(conflict));
    }

    @Test
    void aRecordWithoutTraceparentStartsATraceThatUniqueCarriesOn() {
        send("{}", T0, new RecordHeaders());

        SpanData span = decided("first");
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(values(topology.unique().readRecord().headers(), KafkaTraceHeaders.TRACEPARENT)).containsExactly(traceparentOf(span));
    }
}
