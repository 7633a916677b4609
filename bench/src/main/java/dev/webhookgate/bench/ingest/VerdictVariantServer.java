package dev.webhookgate.bench.ingest;

import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.http.Metrics;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.ingest.http.InFlight;
import dev.webhookgate.ingest.http.IngestApp;
import dev.webhookgate.ingest.publish.KafkaPublisher;
import dev.webhookgate.ingest.verdict.BatchingVerdictClient;
import dev.webhookgate.ingest.verdict.HttpVerdictClient;
import dev.webhookgate.ingest.verdict.VerdictClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * The ingest with another verdict client, for comparison: {@code BENCH_VERDICTS=single} asks with one GET
 * per delivery, {@code BENCH_VERDICTS=batched:N} coalesces with N batches in flight.
 */
public final class VerdictVariantServer {

    private VerdictVariantServer() {
    }

    public static void main(String[] args) {
        IngestConfig config = IngestConfig.from(Env.system());
        PrometheusMeterRegistry registry = Metrics.registry("ingest-api");
        String variant = System.getenv().getOrDefault("BENCH_VERDICTS", "single");
        VerdictClient verdicts = variant.startsWith("batched:")
                ? new BatchingVerdictClient(config.dedupUrl(), config.access(), registry, Integer.parseInt(variant.substring("batched:".length())))
                : new HttpVerdictClient(config.dedupUrl(), config.access());
        new IngestApp(config, new KafkaPublisher(config.kafka(), config.topics()), verdicts,
                Clock.systemUTC(), registry, () -> null, new InFlight()).create().start();
    }
}
