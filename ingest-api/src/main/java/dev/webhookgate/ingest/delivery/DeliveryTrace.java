package dev.webhookgate.ingest.delivery;

import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.ingest.publish.RecordPosition;
import dev.webhookgate.ingest.verdict.VerdictAnswer;
import dev.webhookgate.runtime.tracing.SpanAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The spans of one webhook request: the server span (continuing the provider's W3C {@code traceparent} when it
 * sent one), and under it the publish span, whose context goes into the inbound record's headers, and the
 * verdict-wait span. Exists only while tracing is on: with it off the request carries {@code null} and no
 * header is read. The spans start and end on whichever thread the step runs on, so each takes its parent
 * from here rather than from the thread's current context.
 */
public final class DeliveryTrace {

    private static final TextMapGetter<UnaryOperator<String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(UnaryOperator<String> carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(UnaryOperator<String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private final Tracer tracer;
    private final Span server;
    private final Context context;

    private DeliveryTrace(Tracer tracer, Span server) {
        this.tracer = tracer;
        this.server = server;
        this.context = Context.root().with(server);
    }

    /** @param header a request header by name, or null */
    public static DeliveryTrace start(Tracer tracer, UnaryOperator<String> header, String route, String provider) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), header, HEADERS);
        Span server = tracer.spanBuilder("POST " + route).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(SpanAttributes.HTTP_METHOD, "POST")
                .setAttribute(SpanAttributes.HTTP_ROUTE, route)
                .setAttribute(SpanAttributes.PROVIDER, provider)
                .startSpan();
        return new DeliveryTrace(tracer, server);
    }

    /** Makes the server span current on this thread, so log lines written while the request is checked carry it. */
    public Scope makeCurrent() {
        return server.makeCurrent();
    }

    void accepted(WebhookEnvelope envelope) {
        server.setAttribute(SpanAttributes.EVENT_ID, envelope.eventId());
    }

    /** Starts the producer span; its context is what the inbound record's headers carry. */
    Span publishStarted(String topic, String kafkaKey) {
        return tracer.spanBuilder("send " + topic).setParent(context).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.KAFKA)
                .setAttribute(SpanAttributes.MESSAGING_DESTINATION, topic)
                .setAttribute(SpanAttributes.MESSAGING_OPERATION, "send")
                .setAttribute(SpanAttributes.MESSAGING_KEY, kafkaKey)
                .startSpan();
    }

    static void publishEnded(Span publish, RecordPosition position, Throwable error) {
        if (error != null) {
            publish.recordException(error);
            publish.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        } else {
            publish.setAttribute(SpanAttributes.MESSAGING_PARTITION, String.valueOf(position.partition()));
            publish.setAttribute(SpanAttributes.MESSAGING_OFFSET, position.offset());
        }
        publish.end();
    }

    Span verdictWaitStarted() {
        return tracer.spanBuilder("verdict wait").setParent(context).startSpan();
    }

    static void verdictWaitEnded(Span wait, VerdictAnswer answer) {
        wait.setAttribute(SpanAttributes.VERDICT, answer instanceof VerdictAnswer.FirstDelivery ? "first_delivery" : "unknown");
        if (answer instanceof VerdictAnswer.Unknown unknown) {
            wait.addEvent(unknown.reason());
        }
        wait.end();
    }

    /** Ends the server span with what the provider was told. */
    public void answered(int status, String outcome) {
        server.setAttribute(SpanAttributes.HTTP_STATUS, (long) status);
        server.setAttribute(SpanAttributes.ANSWER, outcome);
        if (status >= 500) {
            server.setStatus(StatusCode.ERROR);
        }
        server.end();
    }
}
