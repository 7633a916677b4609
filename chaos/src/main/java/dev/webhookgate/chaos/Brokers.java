package dev.webhookgate.chaos;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.KafkaBroker;
import dev.webhookgate.fixture.KafkaCluster;
import java.nio.file.Path;

/** The Kafka a scenario runs on: one broker process, or three KRaft nodes at replication factor 3. */
interface Brokers extends AutoCloseable {

    String bootstrapServers();

    short replication();

    Topics createTopics(Topics topics, int partitions);

    @Override
    void close();

    /**
     * One broker in its own process, restartable on its log directory. A shared one outlives the scenarios that
     * use it ({@link #close()} leaves it running; {@link #shutDown()} ends it): see {@link ChaosContext#singleBroker()}.
     */
    final class Single implements Brokers {
        final KafkaBroker broker;
        private final boolean shared;

        Single(Path dir) {
            this(dir, false);
        }

        Single(Path dir, boolean shared) {
            this.broker = KafkaBroker.persistent(BrokerMode.SEPARATE_PROCESS, dir, 0);
            this.shared = shared;
            try {
                restart();
            } catch (RuntimeException e) {
                broker.kill();
                throw e;
            }
        }

        /** A scenario that failed halfway through a broker restart may have left it dead: the next one starts it again. */
        void ensureRunning() {
            if (!broker.isRunning()) {
                restart();
            }
        }

        /** kill -9, then started again on its log directory. */
        void killAndRestart(long downMillis) {
            broker.kill();
            Pause.millis(downMillis);
            restart();
        }

        /**
         * A broker recovering its logs after a kill -9 on a busy machine can take longer than the fixture's own
         * minute; as long as its process lives, it is given {@link Stack#READY} before the run gives up.
         */
        private void restart() {
            try {
                broker.start();
            } catch (IllegalStateException slow) {
                long deadline = System.nanoTime() + Stack.READY.toNanos();
                while (broker.isRunning() && System.nanoTime() < deadline) {
                    try (var admin = broker.admin()) {
                        if (!admin.describeCluster().nodes().get(10, java.util.concurrent.TimeUnit.SECONDS).isEmpty()) {
                            return;
                        }
                    } catch (Exception e) {
                        Pause.millis(500);
                    }
                }
                throw slow;
            }
        }

        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public short replication() {
            return 1;
        }

        @Override
        public Topics createTopics(Topics topics, int partitions) {
            return broker.createTopics(topics, partitions);
        }

        @Override
        public void close() {
            if (!shared) {
                shutDown();
            }
        }

        void shutDown() {
            broker.kill();
        }
    }

    /** Three nodes, RF 3, min.insync.replicas 2. */
    final class Cluster implements Brokers {
        final KafkaCluster cluster;

        Cluster(Path dir) {
            this.cluster = KafkaCluster.create(dir).start();
        }

        @Override
        public String bootstrapServers() {
            return cluster.bootstrapServers();
        }

        @Override
        public short replication() {
            return 3;
        }

        @Override
        public Topics createTopics(Topics topics, int partitions) {
            return cluster.createTopics(topics, partitions);
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
