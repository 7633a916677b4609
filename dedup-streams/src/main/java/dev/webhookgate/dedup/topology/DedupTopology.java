package dev.webhookgate.dedup.topology;

import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import dev.webhookgate.runtime.tracing.Tracing;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.Stores;

/** The dedup topology and the Streams settings it runs with; built apart from running so tests reuse both. */
public final class DedupTopology {

    /** Store names are public API: they name the changelog topics {@code <application.id>-<store>-changelog}. */
    public static final String KEY_STORE = "dedup-keys";
    public static final String STATS_STORE = "dedup-stats";

    static final String INBOUND_SOURCE = "inbound-source";
    static final String COMMANDS_SOURCE = "commands-source";
    static final String DEDUP = "dedup";
    static final String FORGET = "forget";
    static final String UNIQUE_SINK = "unique-sink";
    static final String DUPLICATES_SINK = "duplicates-sink";

    /**
     * Windows are one millisecond wide: a window here is not an aggregation period, only the instant that
     * decides which segment, and so which retention slice, holds the entry.
     */
    static final Duration WINDOW_SIZE = Duration.ofMillis(1);

    private DedupTopology() {
    }

    public static Topology buildTopology(DedupConfig config) {
        return buildTopology(config, DecisionListener.NONE);
    }

    public static Topology buildTopology(DedupConfig config, DecisionListener listener) {
        return buildTopology(config, listener, ProgressListener.NONE);
    }

    /** {@code progress} is told of every put as it lands: the verdict waits of this instance listen there. */
    public static Topology buildTopology(DedupConfig config, DecisionListener listener, ProgressListener progress) {
        return buildTopology(config, listener, progress, Tracing.OFF);
    }

    /** {@code tracing} gives each inbound record a span (docs/tracing.md). */
    public static Topology buildTopology(DedupConfig config, DecisionListener listener, ProgressListener progress, Tracing tracing) {
        Topics topics = config.topics();
        long retentionMs = config.retention().toMillis();
        DedupRules rules = new DedupRules(config.idempotency());
        DedupProcessor.Names names = new DedupProcessor.Names(KEY_STORE, STATS_STORE, UNIQUE_SINK, DUPLICATES_SINK);

        Topology topology = new Topology();
        topology.addSource(INBOUND_SOURCE, ContractSerdes.key().deserializer(), new InboundDelivery.Reader(), topics.inbound());
        topology.addSource(COMMANDS_SOURCE, ContractSerdes.key().deserializer(), ContractSerdes.command().deserializer(), topics.commands());
        topology.addProcessor(DEDUP, () -> new DedupProcessor(rules, retentionMs, listener, progress, names, tracing), INBOUND_SOURCE);
        topology.addProcessor(FORGET, () -> new ForgetProcessor(retentionMs, progress, names), COMMANDS_SOURCE);
        // Caching off: IQv2 reads go to RocksDB, whose position a cached store would move only at flush, so
        // every verdict would wait for the next commit.
        topology.addStateStore(Stores.timestampedWindowStoreBuilder(
                        Stores.persistentTimestampedWindowStore(KEY_STORE, config.retention(), WINDOW_SIZE, false),
                        Serdes.String(), new DedupEntrySerde())
                .withCachingDisabled(), DEDUP, FORGET);
        // Caching on: counters change on every record, and a cache turns that into one changelog record per
        // counter per commit. Nothing waits on this store's position; IQv2 key queries read through the cache.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STATS_STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled(), DEDUP, FORGET);
        // Values are already rendered by the processor: unique gets the inbound bytes unchanged.
        topology.addSink(UNIQUE_SINK, topics.unique(), ContractSerdes.key().serializer(), new ByteArraySerializer(), DEDUP);
        topology.addSink(DUPLICATES_SINK, topics.duplicates(), ContractSerdes.key().serializer(), new ByteArraySerializer(), DEDUP);
        return topology;
    }

    /**
     * The Streams settings; {@code applicationServer} is {@code host:port} of this instance's HTTP server,
     * which other instances forward queries to.
     */
    public static Properties streamsConfig(DedupConfig config, String applicationServer) {
        Properties props = config.kafka().streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        if (config.replicationFactor() > 0) {
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        }
        // A record that is not an envelope must not stop deduplication for its whole partition; its verdict
        // times out and the ingest answers 202, which is the honest answer for a record nobody can judge.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // A full-size body escaped into the envelope passes Kafka's 1 MiB default; without this the stream
        // thread dies on RecordTooLargeException forwarding it, and again on the same record after a restart.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_MESSAGE_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 1000);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, KeyStoreRocksDbOptions.class);
        config.sessionTimeout().ifPresent(timeout -> {
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) timeout.toMillis());
            // three heartbeats per session, as Kafka's own defaults keep them
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) Math.max(500, timeout.toMillis() / 3));
        });
        config.commitInterval().ifPresent(interval -> props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, interval.toMillis()));
        // Streams appends each stream thread's index, so one id per instance is enough.
        config.instanceId().ifPresent(id -> props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        return props;
    }
}
