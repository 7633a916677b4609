package dev.webhookgate.dedup.topology;

import dev.webhookgate.contract.verdict.DeliveryOutcome;
import dev.webhookgate.runtime.tracing.KafkaTraceHeaders;
import dev.webhookgate.runtime.tracing.SpanAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The dedup processor's span for one inbound record: a child of the ingest's publish span (read from the
 * record's {@code traceparent}), passed on to unique or duplicates in that record's headers, so the
 * order-consumer's span continues the same trace. Used only while tracing is on.
 */
final class DedupSpan {

    private DedupSpan() {
    }

    static Span start(Tracer tracer, Headers headers, RecordMetadata source) {
        return tracer.spanBuilder("process " + source.topic())
                .setParent(KafkaTraceHeaders.extract(headers))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.KAFKA)
                .setAttribute(SpanAttributes.MESSAGING_DESTINATION, source.topic())
                .setAttribute(SpanAttributes.MESSAGING_OPERATION, "process")
                .setAttribute(SpanAttributes.MESSAGING_PARTITION, String.valueOf(source.partition()))
                .setAttribute(SpanAttributes.MESSAGING_OFFSET, source.offset())
                .startSpan();
    }

    /**
     * Records the decision; a duplicate or conflict links to the first delivery's span when its entry kept one,
     * and a first delivery's entry keeps this span for the duplicates to come.
     */
    static DedupEntry decided(Span span, DedupRules.Decision decision, String eventId) {
        span.setAttribute(SpanAttributes.EVENT_ID, eventId);
        span.setAttribute(SpanAttributes.DECISION, decision.outcome().name().toLowerCase(Locale.ROOT));
        DedupEntry entry = decision.entry();
        if (decision.outcome() == DeliveryOutcome.FIRST) {
            return decision.replay() ? entry : entry.withFirstTrace(TraceRef.of(span.getSpanContext()));
        }
        if (entry.firstTrace() != null) {
            span.addLink(entry.firstTrace().spanContext());
        }
        return entry;
    }

    /** The forwarded record's headers: the inbound ones, with this span as the parent of whatever reads them next. */
    static Headers passedOn(Span span, Headers inbound) {
        Headers copy = new RecordHeaders(inbound.toArray());
        KafkaTraceHeaders.inject(Context.root().with(span), copy);
        return copy;
    }
}
