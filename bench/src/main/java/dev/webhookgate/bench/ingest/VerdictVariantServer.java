package dev.webhookgate.bench.ingest;

import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.http.Metrics;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.ingest.http.InFlight;
import dev.webhookgate.ingest.http.IngestApp;
import dev.webhookgate.runtime.tracing.Tracing;
import dev.webhookgate.ingest.publish.KafkaPublisher;
import dev.webhookgate.ingest.verdict.BatchingVerdictClient;
import dev.webhookgate.ingest.verdict.VerdictClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * The ingest with another verdict client, for comparison: {@code BENCH_VERDICTS=batched:N} coalesces with N
 * batches in flight (the shipped ingest uses {@link BatchingVerdictClient#DEFAULT_BATCHES_IN_FLIGHT}). The
 * one-GET-per-delivery variant went with the single verdict route; docs/benchmarks-ingest.md keeps its figures.
 */
public final class VerdictVariantServer {

    private VerdictVariantServer() {
    }

    public static void main(String[] args) {
        IngestConfig config = IngestConfig.from(Env.system());
        PrometheusMeterRegistry registry = Metrics.registry("ingest-api");
        String variant = System.getenv().getOrDefault("BENCH_VERDICTS", "batched:1");
        if (!variant.startsWith("batched:")) {
            throw new IllegalArgumentException("BENCH_VERDICTS must be batched:N, got " + variant);
        }
        VerdictClient verdicts = new BatchingVerdictClient(config.dedupUrl(), config.access(), registry,
                Integer.parseInt(variant.substring("batched:".length())));
        new IngestApp(config, new KafkaPublisher(config.kafka(), config.topics(), registry), verdicts,
                Clock.systemUTC(), registry, () -> null, new InFlight(), Tracing.OFF).create().start();
    }
}
