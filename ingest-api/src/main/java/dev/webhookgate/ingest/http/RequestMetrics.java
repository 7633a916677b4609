package dev.webhookgate.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Requests by provider and outcome, and answer latency per provider as a Prometheus histogram. */
public final class RequestMetrics {

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param provider a known provider id or {@code unknown}, so labels stay a small fixed set */
    public void record(String provider, String outcome, long startNanos) {
        Counter.builder("ingest_webhooks")
                .description("Webhook requests by provider and outcome (accepted, replayed, queued, or the error code)")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("ingest_webhook_latency")
                .description("Time from request to answer")
                .tag("provider", provider)
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
