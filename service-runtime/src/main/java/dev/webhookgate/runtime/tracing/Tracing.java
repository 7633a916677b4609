package dev.webhookgate.runtime.tracing;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one place a service's OpenTelemetry is built. Off unless an exporter is configured (the rule is
 * {@link #wanted}); when off, {@link #on()} is false and callers skip every tracing step behind that one
 * check, so the hot paths parse no header and allocate nothing. When on, the SDK autoconfigure module reads
 * the standard {@code OTEL_*} variables (docs/tracing.md), with three defaults of ours: the service's own name,
 * OTLP over http/protobuf (the only sender shipped), and no OpenTelemetry metrics or logs (Prometheus and
 * stderr have those).
 */
public final class Tracing implements AutoCloseable {

    public static final Tracing OFF = new Tracing(null, null);
    /** The instrumentation scope of every span the gateway makes. */
    public static final String SCOPE = "dev.webhookgate";

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;

    private Tracing(OpenTelemetrySdk sdk, Tracer tracer) {
        this.sdk = sdk;
        this.tracer = tracer;
    }

    /** Built from the environment: {@link #OFF} unless {@link #wanted(Env)}. */
    public static Tracing from(Env env, String serviceName) {
        if (!wanted(env)) {
            return OFF;
        }
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", serviceName);
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        // the service's Env, not only the process's: in-process stacks and tests hand each service its own variables
        env.startingWith("OTEL_").forEach((name, value) -> defaults.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
        OpenTelemetrySdk sdk;
        try {
            sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> defaults)
                    .disableShutdownHook()
                    .build()
                    .getOpenTelemetrySdk();
        } catch (ConfigurationException e) {
            // a bad OTEL_* value stops start-up like any other bad setting: its sentence and exit code 2
            throw new ConfigException("OpenTelemetry settings (OTEL_*) are invalid: " + e.getMessage());
        }
        return new Tracing(sdk, sdk.getTracer(SCOPE));
    }

    /**
     * On when traces have somewhere to go: OTEL_TRACES_EXPORTER names an exporter other than {@code none}, or an
     * OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), and
     * OTEL_SDK_DISABLED is not {@code true}. The SDK's own default (export to localhost:4317 whenever it is on)
     * would make every deployment without a collector pay for spans nobody receives.
     */
    public static boolean wanted(Env env) {
        if (env.optional("OTEL_SDK_DISABLED").map(v -> v.equalsIgnoreCase("true")).orElse(false)) {
            return false;
        }
        boolean exporter = env.optional("OTEL_TRACES_EXPORTER").map(v -> !v.equalsIgnoreCase("none")).orElse(false);
        return exporter || env.optional("OTEL_EXPORTER_OTLP_ENDPOINT").isPresent()
                || env.optional("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").isPresent();
    }

    public boolean on() {
        return tracer != null;
    }

    /** Only when {@link #on()}. */
    public Tracer tracer() {
        if (tracer == null) {
            throw new IllegalStateException("tracing is off; check on() first");
        }
        return tracer;
    }

    /** Sends the spans still buffered, then stops the exporter; a service calls it last when it closes. */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.close();
        }
    }

    /** For code that wants the API object itself (propagators are fixed to W3C here: {@link KafkaTraceHeaders}). */
    public OpenTelemetry openTelemetry() {
        return sdk == null ? OpenTelemetry.noop() : sdk;
    }
}
