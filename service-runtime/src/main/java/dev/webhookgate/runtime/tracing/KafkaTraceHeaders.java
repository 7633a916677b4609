package dev.webhookgate.runtime.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A span's context in Kafka record headers, as W3C Trace Context: {@code traceparent} (and {@code tracestate}
 * when there is one), UTF-8 values. W3C only, whatever OTEL_PROPAGATORS says: the headers are part of the
 * records' format between our own services, not a choice of the deployment's collector.
 */
public final class KafkaTraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    /** Replaces, so a record passed on by a service carries that service's span and not the one before. */
    private static final TextMapSetter<Headers> SETTER = (carrier, key, value) -> {
        carrier.remove(key);
        carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private KafkaTraceHeaders() {
    }

    /** The context the headers carry, as a parent of {@link Context#root()}; root itself when they carry none. */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, GETTER);
    }

    public static void inject(Context context, Headers headers) {
        W3C.inject(context, headers, SETTER);
    }
}
