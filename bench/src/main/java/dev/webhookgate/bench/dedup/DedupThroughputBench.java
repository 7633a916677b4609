package dev.webhookgate.bench.dedup;

import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.Fingerprint;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.dedup.topology.DedupTopology;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Dedup records/s under each processing setting against a plain consumer->producer passthrough over the
 * same inbound records in the same run, then bytes per key of the RocksDB key store (see
 * {@link StoreSize}). The broker runs in its own process.
 *
 * <pre>
 * java -Xmx3g -Dwebhookgate.log.level=warn -cp "bench/target/bench.jar:bench/target/lib/*" \
 *     dev.webhookgate.bench.dedup.DedupThroughputBench records=1100000 keys=1000000 partitions=6 \
 *     variants=eos-defaults,eos-tuned,eos-defaults
 * </pre>
 */
public final class DedupThroughputBench {

    /** Settings layered over {@link DedupTopology#streamsConfig}; the first is the service's own. */
    private static final Map<String, Map<String, Object>> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("eos-defaults", Map.of());
        VARIANTS.put("eos-producer-batching", Map.of(
                StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20,
                StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024));
        VARIANTS.put("eos-big-polls", Map.of(
                StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5000,
                StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024));
        VARIANTS.put("eos-commit-500ms", Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500));
        VARIANTS.put("eos-commit-1s", Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000));
        VARIANTS.put("eos-2-threads", Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2));
        VARIANTS.put("eos-tuned", Map.of(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000,
                StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20,
                StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024,
                StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5000,
                StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024));
        VARIANTS.put("alos-defaults", Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
    }

    private DedupThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int records = Integer.parseInt(opts.getOrDefault("records", "1100000"));
        int keys = Integer.parseInt(opts.getOrDefault("keys", "1000000"));
        int partitions = Integer.parseInt(opts.getOrDefault("partitions", "6"));
        List<String> variants = List.of(opts.getOrDefault("variants", "eos-defaults,eos-tuned").split(","));
        Path work = Files.createTempDirectory("dedup-bench");

        try (KafkaBroker broker = KafkaBroker.create(BrokerMode.SEPARATE_PROCESS).start(); Admin admin = broker.admin()) {
            Topics topics = broker.createRandomTopics(partitions);
            String passthroughOut = topics.prefix() + ".passthrough";
            admin.createTopics(List.of(new NewTopic(passthroughOut, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            long produceStart = System.nanoTime();
            produce(broker.bootstrapServers(), topics, records, keys);
            System.out.printf("produced %d deliveries (%d distinct keys) into %s (%d partitions) in %d ms%n", records, keys,
                    topics.inbound(), partitions, Duration.ofNanos(System.nanoTime() - produceStart).toMillis());

            double passthrough = passthrough(broker.bootstrapServers(), topics.inbound(), passthroughOut, records);
            System.out.println("| run | records/s | ratio to passthrough |");
            System.out.println("|---|---|---|");
            System.out.printf("| passthrough (consumer -> producer, acks=all) | %.0f | 1.00 |%n", passthrough);
            Path lastStateDir = null;
            String lastApplication = null;
            Map<String, Double> ratios = new java.util.LinkedHashMap<>();
            for (String variant : variants) {
                String application = "bench-" + variant + "-" + UUID.randomUUID().toString().substring(0, 8);
                Path dataDir = work.resolve(application);
                double rate = dedup(broker.bootstrapServers(), topics, application, dataDir, VARIANTS.get(variant), records);
                System.out.printf("| dedup %s | %.0f | %.2f |%n", variant, rate, rate / passthrough);
                ratios.merge(variant, rate / passthrough, Math::max);
                lastStateDir = dataDir.resolve("streams");
                lastApplication = application;
            }
            double bytesPerKey = lastStateDir == null ? Double.NaN
                    : StoreSize.report(lastStateDir.resolve(lastApplication), DedupTopology.KEY_STORE, keys);
            // the shipped configuration's ratio is the headline; the variants are experiments
            dev.webhookgate.bench.BenchResults.write("dedup", Map.of("ratio", ratios.getOrDefault("eos-defaults", Double.NaN),
                    "passthrough_rps", passthrough, "ratios", ratios));
            dev.webhookgate.bench.BenchResults.write("state", Map.of("bytes_per_key", bytesPerKey, "keys", keys));
        } finally {
            deleteRecursively(work);
        }
    }

    /** {@code keys} distinct keys, then {@code records - keys} retries of earlier keys with the same body. */
    private static void produce(String bootstrap, Topics topics, int records, int keys) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // a loaded two-core machine answers slowly; a lost batch would leave the runs waiting for records forever
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Provider[] providers = Provider.values();
        Instant start = Instant.now();
        try (KafkaProducer<String, WebhookEnvelope> producer =
                     new KafkaProducer<>(props, ContractSerdes.key().serializer(), ContractSerdes.envelope().serializer())) {
            for (int i = 0; i < records; i++) {
                int keyIndex = i < keys ? i : (int) ((i * 7919L) % keys);
                Provider provider = providers[keyIndex % providers.length];
                String body = "{\"type\":\"order.created\",\"retailer\":\"shop-" + (keyIndex % 97)
                        + "\",\"items\":[{\"sku\":\"apples\",\"quantity\":2,\"unit_price\":150}],\"n\":" + keyIndex + "}";
                WebhookEnvelope envelope = new WebhookEnvelope(UUID.randomUUID().toString(), provider, "key-" + keyIndex,
                        start.plusMillis(i / 100), Fingerprint.of(body.getBytes(StandardCharsets.UTF_8)), "application/json",
                        Map.of("x-request-id", "req-" + i), body);
                producer.send(new ProducerRecord<>(topics.inbound(), null, envelope.receivedAt().toEpochMilli(),
                        envelope.key().kafkaKey(), envelope), (metadata, error) -> {
                            if (error != null) {
                                failed.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("preloading inbound failed; the runs would wait for records that are not there", failed.get());
        }
    }

    /** Records/s of a plain consumer->producer copy of inbound, timed from the first record polled. */
    private static double passthrough(String bootstrap, String from, String to, int records) {
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-passthrough-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(from));
            long copied = 0;
            long started = 0;
            while (copied < records) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (batch.isEmpty()) {
                    continue;
                }
                if (started == 0) {
                    started = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    producer.send(new ProducerRecord<>(to, record.key(), record.value()));
                }
                copied += batch.count();
                // at-least-once: offsets follow the records handed to the producer
                producer.flush();
                consumer.commitAsync();
            }
            producer.flush();
            consumer.commitSync();
            return copied / (Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
        }
    }

    /**
     * Records/s of the dedup topology, from RUNNING until it has decided every inbound record (counted by
     * its decision listener, so the measure does not wait for the next offset commit).
     */
    private static double dedup(String bootstrap, Topics topics, String application, Path dataDir,
                                Map<String, Object> overrides, int records) throws InterruptedException {
        DedupConfig config = DedupConfig.from(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "TOPIC_PREFIX", topics.prefix(),
                "APPLICATION_ID", application,
                "DATA_DIR", dataDir.toString())));
        Properties props = DedupTopology.streamsConfig(config, "localhost:1");
        props.putAll(overrides);
        AtomicLong decided = new AtomicLong();
        AtomicLong runningAt = new AtomicLong();
        try (KafkaStreams streams = new KafkaStreams(DedupTopology.buildTopology(config, (provider, outcome) -> decided.incrementAndGet()), props)) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    runningAt.compareAndSet(0, System.nanoTime());
                }
            });
            streams.start();
            while (decided.get() < records) {
                Thread.sleep(20);   // a benchmark's polling loop, not a test wait
            }
            long elapsedMs = Duration.ofNanos(System.nanoTime() - runningAt.get()).toMillis();
            streams.close(Duration.ofSeconds(60));
            return records / (elapsedMs / 1000.0);
        }
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (var walk = Files.walk(dir)) {
            paths = new ArrayList<>(walk.toList());
        }
        paths.sort(java.util.Comparator.reverseOrder());
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
