package dev.webhookgate.orders.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.webhookgate.fixture.MemoryTracing;
import dev.webhookgate.orders.ledger.LedgerUnavailableException;
import dev.webhookgate.runtime.tracing.KafkaTraceHeaders;
import dev.webhookgate.runtime.tracing.SpanAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A batch of unique records as the consumer polls them, with the dedup spans' contexts in their headers. */
class LedgerSpansTest {

    private static final String TOPIC = "webhooks.unique";
    private static final String PROCESS = "process " + TOPIC;
    private static final String DEDUP_TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String DEDUP_SPAN_A = "00f067aa0ba902b7";
    private static final String DEDUP_TRACE_B = "0af7651916cd43dd8448eb211c80319c";
    private static final String DEDUP_SPAN_B = "b7ad6b7169203331";

    private final MemoryTracing tracing = new MemoryTracing("order-consumer");

    @AfterEach
    void close() {
        tracing.close();
    }

    /** Offsets 10, 11 and 12 of partition 2: the first and last carry a dedup span, the middle one came untraced. */
    private static ConsumerRecords<String, byte[]> batch() {
        List<ConsumerRecord<String, byte[]>> records = List.of(
                record(10, Optional.of("00-" + DEDUP_TRACE_A + "-" + DEDUP_SPAN_A + "-01")),
                record(11, Optional.empty()),
                record(12, Optional.of("00-" + DEDUP_TRACE_B + "-" + DEDUP_SPAN_B + "-01")));
        return new ConsumerRecords<>(Map.of(new TopicPartition(TOPIC, 2), records), Map.of());
    }

    private static ConsumerRecord<String, byte[]> record(long offset, Optional<String> traceparent) {
        RecordHeaders headers = new RecordHeaders();
        traceparent.ifPresent(value -> headers.add(KafkaTraceHeaders.TRACEPARENT, value.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(TOPIC, 2, offset, 0L, TimestampType.CREATE_TIME, -1, -1, "stripe:evt_" + offset,
                "{}".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private List<SpanData> eventSpans() {
        return tracing.spans().stream().filter(span -> span.getName().equals(PROCESS)).toList();
    }

    @Test
    void aBatchIsOneLedgerTransactionOfItsOwnLinkedToEachTracedEvent() {
        LedgerSpans.start(tracing.tracer(), TOPIC, batch()).committed();

        SpanData transaction = tracing.named("ledger transaction");
        assertThat(transaction.getParentSpanContext().isValid()).isFalse();
        assertThat(transaction.getTraceId()).isNotIn(DEDUP_TRACE_A, DEDUP_TRACE_B);
        assertThat(transaction.getAttributes().get(SpanAttributes.MESSAGING_BATCH_COUNT)).isEqualTo(3L);
        assertThat(transaction.getAttributes().get(SpanAttributes.MESSAGING_SYSTEM)).isEqualTo("kafka");
        assertThat(transaction.getAttributes().get(SpanAttributes.MESSAGING_DESTINATION)).isEqualTo(TOPIC);
        assertThat(transaction.getLinks()).extracting(LinkData::getSpanContext)
                .extracting(SpanContext::getTraceId, SpanContext::getSpanId)
                .containsExactly(tuple(DEDUP_TRACE_A, DEDUP_SPAN_A),
                        tuple(DEDUP_TRACE_B, DEDUP_SPAN_B));
        assertThat(transaction.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void eachTracedEventIsAChildOfItsDedupSpanLinkedToTheTransaction() {
        LedgerSpans.start(tracing.tracer(), TOPIC, batch()).committed();

        SpanData transaction = tracing.named("ledger transaction");
        List<SpanData> events = eventSpans();
        // the untraced record gets no span: there is no delivery trace to put it in
        assertThat(events).extracting(SpanData::getTraceId, SpanData::getParentSpanId)
                .containsExactlyInAnyOrder(tuple(DEDUP_TRACE_A, DEDUP_SPAN_A),
                        tuple(DEDUP_TRACE_B, DEDUP_SPAN_B));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(event.getLinks()).extracting(link -> link.getSpanContext().getSpanId()).containsExactly(transaction.getSpanId());
            assertThat(event.getAttributes().get(SpanAttributes.MESSAGING_OPERATION)).isEqualTo("process");
            assertThat(event.getAttributes().get(SpanAttributes.MESSAGING_DESTINATION)).isEqualTo(TOPIC);
            assertThat(event.getAttributes().get(SpanAttributes.MESSAGING_PARTITION)).isEqualTo("2");
            assertThat(event.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        });
        assertThat(events).extracting(event -> event.getAttributes().get(SpanAttributes.MESSAGING_OFFSET))
                .containsExactlyInAnyOrder(10L, 12L);
    }

    @Test
    void theSpansEndOnlyWhenTheTransactionCommits() {
        LedgerSpans spans = LedgerSpans.start(tracing.tracer(), TOPIC, batch());
        String current;
        try (Scope ignored = spans.makeCurrent()) {
            current = Span.current().getSpanContext().getSpanId();
            assertThat(tracing.spans()).isEmpty();
        }

        spans.committed();

        // the loop's log lines while the batch is written carry the transaction's ids
        assertThat(tracing.named("ledger transaction").getSpanId()).isEqualTo(current);
        assertThat(eventSpans()).hasSize(2);
    }

    @Test
    void aFailedTransactionEndsEverySpanAsAnErrorWithTheExceptionOnTheTransaction() {
        LedgerSpans.start(tracing.tracer(), TOPIC, batch()).failed(new LedgerUnavailableException("ledger away", new SQLTransientConnectionException("connection refused")));

        SpanData transaction = tracing.named("ledger transaction");
        assertThat(transaction.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(transaction.getEvents()).extracting(EventData::getName).containsExactly("exception");
        assertThat(eventSpans()).hasSize(2).allSatisfy(event -> {
            assertThat(event.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(event.getStatus().getDescription()).isEqualTo("LedgerUnavailableException");
        });
    }
}
