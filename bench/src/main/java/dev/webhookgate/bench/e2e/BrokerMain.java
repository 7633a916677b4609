package dev.webhookgate.bench.e2e;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.KafkaBroker;
import java.nio.file.Path;

/**
 * A broker for the e2e benchmark's separate-process shapes: kafka-fixture's broker in this JVM, with the
 * default topics created, until the process is stopped. Arguments: data directory, port, and optionally the
 * partitions per topic (default {@link #DEFAULT_PARTITIONS}). The topics exist before any service starts, so
 * dedup-streams never creates them with a count of its own.
 */
public final class BrokerMain {

    /** As bin/local-stack creates them (its {@code TOPIC_PARTITIONS} default). */
    static final int DEFAULT_PARTITIONS = 3;

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker = KafkaBroker.persistent(BrokerMode.IN_PROCESS, Path.of(args[0]), Integer.parseInt(args[1])).start();
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_PARTITIONS;
        broker.createTopics(new Topics(Topics.DEFAULT_PREFIX), partitions);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
        Thread.currentThread().join();
    }
}
