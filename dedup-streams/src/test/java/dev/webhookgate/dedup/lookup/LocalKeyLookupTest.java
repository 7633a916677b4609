package dev.webhookgate.dedup.lookup;

import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.dedup.topology.DedupTopology;
import dev.webhookgate.dedup.topology.DecisionListener;
import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-your-writes wait against a real store, with a commit a minute away: it must not depend on
 * commits (a cached key store, or a read-committed query, would make it time out), and a read that is
 * ahead of the store is answered when the processor's put lands, not by re-polling the store.
 */
class LocalKeyLookupTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @TempDir
    Path dataDir;

    private Topics topics;
    private ScheduledExecutorService watchThreads;
    private PositionWatch watch;
    private StreamsRef ref;
    private KafkaStreams streams;
    private KafkaProducer<String, WebhookEnvelope> producer;

    @BeforeEach
    void start() {
        topics = kafka.createRandomTopics(1);
        DedupConfig config = DedupConfig.from(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "TOPIC_PREFIX", topics.prefix(),
                "APPLICATION_ID", "dedup-" + topics.prefix(),
                "DATA_DIR", dataDir.toString())));
        Properties props = DedupTopology.streamsConfig(config, "127.0.0.1:1");
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 60_000);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 120_000);
        watchThreads = Executors.newScheduledThreadPool(2);
        watch = new PositionWatch(LocalKeyLookup.MAX_PENDING, watchThreads);
        streams = new KafkaStreams(DedupTopology.buildTopology(config, DecisionListener.NONE, watch), props);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producer = new KafkaProducer<>(producerProps, ContractSerdes.key().serializer(), ContractSerdes.envelope().serializer());
        ref = new StreamsRef();
        ref.set(streams, new HostInfo("127.0.0.1", 1));
        streams.start();
        await().atMost(Duration.ofSeconds(60)).until(ref::isRunning);
    }

    @AfterEach
    void stop() {
        producer.close();
        streams.close(Duration.ofSeconds(30));
        watchThreads.shutdownNow();
    }

    @Test
    void verdictIsAnsweredLongBeforeTheNextCommit() throws Exception {
        WebhookEnvelope first = delivery(Provider.STRIPE, "evt_uncommitted", "{}", Instant.now());
        RecordMetadata written = publish(first);

        Optional<DedupEntry> entry = new LocalKeyLookup(ref, watch, watchThreads)
                .read(first.key(), written.partition(), Optional.of(markOf(written)), Duration.ofSeconds(10))
                .get(15, TimeUnit.SECONDS);

        assertThat(entry).map(DedupEntry::eventId).contains(first.eventId());
    }

    /**
     * The key store's cache must stay off (DedupTopology): IQv2 reads RocksDB, and a cached put reaches RocksDB
     * only when the cache flushes at the next commit, a minute away here. Ops lookups and verdicts for records
     * the decision ring no longer holds read the store this way, with no mark.
     */
    @Test
    void aPlainStoreReadSeesAPutLongBeforeTheNextCommit() throws Exception {
        WebhookEnvelope first = delivery(Provider.STRIPE, "evt_plain_read", "{}", Instant.now());
        RecordMetadata written = publish(first);
        LocalKeyLookup lookup = new LocalKeyLookup(ref, watch, watchThreads);
        assertThat(lookup.read(first.key(), written.partition(), Optional.of(markOf(written)), Duration.ofSeconds(10))
                .get(15, TimeUnit.SECONDS)).isPresent(); // the put has landed

        Optional<DedupEntry> read = lookup.read(first.key(), written.partition(), Optional.empty(), Duration.ofSeconds(5))
                .get(10, TimeUnit.SECONDS);

        assertThat(read).as("the store's answer before the next commit").map(DedupEntry::eventId).contains(first.eventId());
    }

    @Test
    void readAheadOfTheStoreIsAnsweredByThePutNotByPolling() throws Exception {
        WebhookEnvelope first = delivery(Provider.STRIPE, "evt_before", "{}", Instant.now());
        RecordMetadata before = publish(first);
        WebhookEnvelope next = delivery(Provider.STRIPE, "evt_next", "{}", Instant.now());
        // No poll can run: the lookup's retry scheduler refuses every task, so only a wake-up can answer.
        ScheduledExecutorService noPolling = Executors.newSingleThreadScheduledExecutor();
        noPolling.shutdown();
        PositionMark nextOffset = new PositionMark(topics.inbound(), before.partition(), before.offset() + 1);

        CompletableFuture<Optional<DedupEntry>> verdict = new LocalKeyLookup(ref, watch, noPolling)
                .read(next.key(), before.partition(), Optional.of(nextOffset), Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.waiting() == 1);
        assertThat(verdict).isNotDone();
        RecordMetadata written = publish(next);

        // Well inside the 60 s wait: the deadline path would answer 504, not the entry.
        assertThat(written.offset()).isEqualTo(nextOffset.offset());
        assertThat(verdict.get(20, TimeUnit.SECONDS)).map(DedupEntry::eventId).contains(next.eventId());
        assertThat(watch.waiting()).isZero();
    }

    private RecordMetadata publish(WebhookEnvelope envelope) throws Exception {
        return producer.send(new ProducerRecord<>(topics.inbound(), envelope.key().kafkaKey(), envelope)).get(10, TimeUnit.SECONDS);
    }

    private PositionMark markOf(RecordMetadata written) {
        return new PositionMark(topics.inbound(), written.partition(), written.offset());
    }
}
