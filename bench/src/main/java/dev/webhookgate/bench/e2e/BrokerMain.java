package dev.webhookgate.bench.e2e;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.KafkaBroker;
import java.nio.file.Path;

/**
 * A broker for the e2e benchmark's separate-process shape: kafka-fixture's broker in this JVM, with the
 * default topics created (3 partitions, as bin/local-stack), until the process is stopped.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker = KafkaBroker.persistent(BrokerMode.IN_PROCESS, Path.of(args[0]), Integer.parseInt(args[1])).start();
        broker.createTopics(new Topics(Topics.DEFAULT_PREFIX), 3);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
        Thread.currentThread().join();
    }
}
