package dev.webhookgate.orders.consume;

import dev.webhookgate.runtime.tracing.KafkaTraceHeaders;
import dev.webhookgate.runtime.tracing.SpanAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * The spans of one batch: a {@code ledger transaction} span around the poll-to-commit of the whole batch, with
 * a link to each event's incoming context, and per event a {@code process <topic>} span that is a child of that
 * event's dedup span, linked to the batch span and ended when the transaction is committed (or failed).
 * Both, because each answers a different question: the child span puts the ledger write inside the delivery's
 * own trace (one trace from HTTP to ledger, what someone following a webhook opens), while the batch span
 * shows the transaction once, with its size and duration, for someone looking at the database side. A batch
 * span alone would leave every delivery's trace ending at dedup. Only while tracing is on.
 */
final class LedgerSpans {

    private final Span batch;
    private final List<Span> events;

    private LedgerSpans(Span batch, List<Span> events) {
        this.batch = batch;
        this.events = events;
    }

    static LedgerSpans start(Tracer tracer, String topic, ConsumerRecords<String, byte[]> records) {
        List<Context> parents = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> traced = new ArrayList<>(records.count());
        SpanBuilder batchBuilder = tracer.spanBuilder("ledger transaction").setNoParent()
                .setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.KAFKA)
                .setAttribute(SpanAttributes.MESSAGING_DESTINATION, topic)
                .setAttribute(SpanAttributes.MESSAGING_BATCH_COUNT, (long) records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            Context parent = KafkaTraceHeaders.extract(record.headers());
            SpanContext incoming = Span.fromContext(parent).getSpanContext();
            if (incoming.isValid()) {
                batchBuilder.addLink(incoming);
                parents.add(parent);
                traced.add(record);
            }
        }
        Span batch = batchBuilder.startSpan();
        List<Span> events = new ArrayList<>(traced.size());
        for (int i = 0; i < traced.size(); i++) {
            ConsumerRecord<String, byte[]> record = traced.get(i);
            events.add(tracer.spanBuilder("process " + topic).setParent(parents.get(i)).setSpanKind(SpanKind.CONSUMER)
                    .addLink(batch.getSpanContext())
                    .setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.KAFKA)
                    .setAttribute(SpanAttributes.MESSAGING_DESTINATION, topic)
                    .setAttribute(SpanAttributes.MESSAGING_OPERATION, "process")
                    .setAttribute(SpanAttributes.MESSAGING_PARTITION, String.valueOf(record.partition()))
                    .setAttribute(SpanAttributes.MESSAGING_OFFSET, record.offset())
                    .startSpan());
        }
        return new LedgerSpans(batch, events);
    }

    /** The batch span is current while the batch is written, so the loop's log lines carry its trace id. */
    Scope makeCurrent() {
        return batch.makeCurrent();
    }

    void committed() {
        events.forEach(Span::end);
        batch.end();
    }

    void failed(Exception error) {
        for (Span span : events) {
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
            span.end();
        }
        batch.recordException(error);
        batch.setStatus(StatusCode.ERROR);
        batch.end();
    }
}
