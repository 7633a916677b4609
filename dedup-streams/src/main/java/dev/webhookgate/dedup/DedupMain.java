package dev.webhookgate.dedup;

import dev.webhookgate.runtime.ServiceMain;
import dev.webhookgate.runtime.tracing.Tracing;
import dev.webhookgate.runtime.fatal.FatalErrorGuard;
import dev.webhookgate.runtime.kafka.KafkaStartupCheck;
import java.util.List;

/**
 * Wires the environment to the service once Kafka is checked; a stream thread or Kafka client thread that
 * dies stops the process; ServiceMain stops it on SIGTERM and turns bad settings into exit 2.
 */
public final class DedupMain {

    private DedupMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FatalErrorGuard.install("dedup-streams");
        ServiceMain.run("dedup-streams", env -> {
            DedupConfig config = DedupConfig.from(env);
            // the four topics of the topology; the dead-letter topic is order-consumer's
            KafkaStartupCheck.verify(config.kafka(), config.applicationId(),
                    List.of(config.topics().inbound(), config.topics().commands(), config.topics().unique(),
                            config.topics().duplicates()), KafkaStartupCheck.timeout(env));
            DedupService service = DedupService.start(config, Tracing.from(env, "dedup-streams"));
            FatalErrorGuard.adoptNewKafkaThreads();
            return service;
        });
    }
}
