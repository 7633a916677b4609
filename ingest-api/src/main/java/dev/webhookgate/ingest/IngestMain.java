package dev.webhookgate.ingest;

import dev.webhookgate.runtime.ServiceMain;
import dev.webhookgate.runtime.tracing.Tracing;

/** Wires the ingest from the environment; ServiceMain drains it on SIGTERM and turns bad settings into exit 2. */
public final class IngestMain {

    private IngestMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceMain.run("ingest-api", env -> IngestService.start(IngestConfig.from(env), Tracing.from(env, "ingest-api")));
    }
}
