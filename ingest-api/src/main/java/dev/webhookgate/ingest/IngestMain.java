package dev.webhookgate.ingest;

import dev.webhookgate.runtime.ServiceMain;
import dev.webhookgate.runtime.fatal.FatalErrorGuard;
import dev.webhookgate.runtime.kafka.KafkaStartupCheck;
import dev.webhookgate.runtime.tracing.Tracing;
import java.util.List;

/**
 * Wires the ingest from the environment: Kafka is checked before anything serves, a dying Kafka client
 * thread stops the process, ServiceMain drains it on SIGTERM and turns bad settings into exit 2.
 */
public final class IngestMain {

    private IngestMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FatalErrorGuard.install("ingest-api");
        ServiceMain.run("ingest-api", env -> {
            IngestConfig config = IngestConfig.from(env);
            // only the topic it writes: the verdicts come over HTTP, and a missing verdict service means 202s
            KafkaStartupCheck.verify(config.kafka(), "ingest-api",
                    List.of(config.topics().inbound()), KafkaStartupCheck.timeout(env));
            IngestService service = IngestService.start(config, Tracing.from(env, "ingest-api"));
            FatalErrorGuard.adoptNewKafkaThreads();
            return service;
        });
    }
}
