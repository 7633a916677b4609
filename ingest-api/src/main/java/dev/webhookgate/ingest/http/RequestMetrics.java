package dev.webhookgate.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests by provider and outcome, and answer latency per provider as a Prometheus histogram. The meters are
 * looked up once per label set and kept: a builder's {@code register} per request builds and sorts an id and
 * searches the registry every time.
 */
public final class RequestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param provider a known provider id or {@code unknown}, so labels stay a small fixed set */
    public void record(String provider, String outcome, long startNanos) {
        requests.computeIfAbsent(provider + '\n' + outcome, labels -> Counter.builder("ingest_webhooks")
                        .description("Webhook requests by provider and outcome (accepted, replayed, queued, or the error code)")
                        .tag("provider", provider)
                        .tag("outcome", outcome)
                        .register(registry))
                .increment();
        latencies.computeIfAbsent(provider, labels -> Timer.builder("ingest_webhook_latency")
                        .description("Time from request to answer")
                        .tag("provider", provider)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
