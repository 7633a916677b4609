package dev.webhookgate.runtime.tracing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * {@code OTEL_TRACES_EXPORTER=memory}, for {@link MemoryTracing} and the in-process stack: spans reach memory
 * through the same autoconfigure path a real exporter takes. One store for every SDK of the JVM, so a service's
 * shutdown must not clear what the others exported; {@link MemoryTracing} tells its own spans apart by their resource.
 */
public final class MemorySpanExporterProvider implements ConfigurableSpanExporterProvider {

    public static final String NAME = "memory";
    public static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return SPANS.export(spans);
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    @Override
    public String getName() {
        return NAME;
    }
}
