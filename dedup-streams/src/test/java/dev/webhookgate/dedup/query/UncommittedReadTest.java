package dev.webhookgate.dedup.query;

import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.contract.config.Env;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.dedup.DedupTopology;
import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-your-writes wait must not depend on commits: with a commit a minute away, the verdict is still
 * answered within its wait. A cached key store, or a read-committed query, would make it time out.
 */
class UncommittedReadTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @TempDir
    Path dataDir;

    @Test
    void verdictIsAnsweredLongBeforeTheNextCommit() throws Exception {
        Topics topics = kafka.createRandomTopics(1);
        DedupConfig config = DedupConfig.from(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "TOPIC_PREFIX", topics.prefix(),
                "APPLICATION_ID", "dedup-" + topics.prefix(),
                "DATA_DIR", dataDir.toString())));
        Properties props = DedupTopology.streamsConfig(config, "127.0.0.1:1");
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 60_000);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 120_000);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaStreams streams = new KafkaStreams(DedupTopology.buildTopology(config), props);
             KafkaProducer<String, WebhookEnvelope> producer = new KafkaProducer<>(producerProps,
                     ContractSerdes.key().serializer(), ContractSerdes.envelope().serializer())) {
            StreamsRef ref = new StreamsRef();
            ref.set(streams, new HostInfo("127.0.0.1", 1));
            streams.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(ref::isRunning);
            WebhookEnvelope first = delivery(Provider.STRIPE, "evt_uncommitted", "{}", Instant.now());
            RecordMetadata written = producer.send(new ProducerRecord<>(topics.inbound(), first.key().kafkaKey(), first)).get();

            Optional<DedupEntry> entry = new LocalKeyLookup(ref, scheduler)
                    .read(first.key(), written.partition(), Optional.of(new PositionMark(topics.inbound(), written.partition(), written.offset())),
                            Duration.ofSeconds(10))
                    .get(15, TimeUnit.SECONDS);

            assertThat(entry).map(DedupEntry::eventId).contains(first.eventId());
        } finally {
            scheduler.shutdownNow();
        }
    }
}
