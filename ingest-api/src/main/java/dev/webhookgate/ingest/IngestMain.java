package dev.webhookgate.ingest;

import dev.webhookgate.contract.config.ConfigException;
import dev.webhookgate.contract.config.Env;
import java.util.concurrent.CountDownLatch;

/** Wires the ingest from the environment; SIGTERM drains it. */
public final class IngestMain {

    private IngestMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        IngestConfig config;
        try {
            config = IngestConfig.from(Env.system());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        IngestService service = IngestService.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "ingest-shutdown"));
        stopped.await();
    }
}
