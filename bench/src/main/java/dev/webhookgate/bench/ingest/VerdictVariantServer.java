package dev.webhookgate.bench.ingest;

import dev.webhookgate.contract.config.Env;
import dev.webhookgate.http.Metrics;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.ingest.http.InFlight;
import dev.webhookgate.ingest.http.IngestApp;
import dev.webhookgate.ingest.publish.KafkaPublisher;
import dev.webhookgate.ingest.verdict.HttpVerdictClient;
import java.time.Clock;

/** The ingest as shipped but with one verdict GET per delivery instead of coalesced batches, for comparison. */
public final class SingleQueryIngestServer {

    private SingleQueryIngestServer() {
    }

    public static void main(String[] args) {
        IngestConfig config = IngestConfig.from(Env.system());
        new IngestApp(config, new KafkaPublisher(config.bootstrapServers(), config.topics()), new HttpVerdictClient(config.dedupUrl()),
                Clock.systemUTC(), Metrics.registry("ingest-bench"), () -> null, new InFlight()).create().start();
    }
}
