package dev.webhookgate.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.runtime.config.Env;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link Tracing} that is on, built the way a service builds its own ({@link Tracing#from}, an
 * {@code OTEL_TRACES_EXPORTER}), exporting into memory, for the services' in-module tracing tests. Each one
 * reads back only its own spans (tagged by a resource attribute), so tests sharing a JVM do not see each other's.
 */
public final class MemoryTracing implements AutoCloseable {

    private static final AttributeKey<String> OWNER = AttributeKey.stringKey("webhookgate.test.tracing");

    private final String id = UUID.randomUUID().toString();
    private final Tracing tracing;

    public MemoryTracing(String serviceName) {
        tracing = Tracing.from(new Env(Map.of("OTEL_TRACES_EXPORTER", MemorySpanExporterProvider.NAME,
                "OTEL_RESOURCE_ATTRIBUTES", OWNER.getKey() + "=" + id)), serviceName);
    }

    public Tracing tracing() {
        return tracing;
    }

    public Tracer tracer() {
        return tracing.tracer();
    }

    /** Every span this tracing has ended, in the order they ended; the batch processor's buffer is flushed first. */
    public List<SpanData> spans() {
        ((OpenTelemetrySdk) tracing.openTelemetry()).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
        return MemorySpanExporterProvider.SPANS.getFinishedSpanItems().stream()
                .filter(span -> id.equals(span.getResource().getAttribute(OWNER)))
                .toList();
    }

    /** The one ended span that matches. */
    public SpanData only(Predicate<SpanData> wanted) {
        List<SpanData> spans = spans();
        List<SpanData> found = spans.stream().filter(wanted).toList();
        assertThat(found).as("ended spans: %s", spans.stream().map(SpanData::getName).toList()).hasSize(1);
        return found.get(0);
    }

    public SpanData named(String name) {
        return only(span -> span.getName().equals(name));
    }

    @Override
    public void close() {
        tracing.close();
    }
}
