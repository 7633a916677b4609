package dev.webhookgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.fixture.CommittedRecords;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.DuplicateRecord;
import dev.webhookgate.contract.Fingerprint;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.Verdict;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.ChildJvm;
import dev.webhookgate.fixture.FreePorts;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * dedup-streams as its own OS process, killed with SIGKILL while deliveries stream in, then started again
 * on the same state directory: under exactly-once v2 every key still reaches unique exactly once (as its
 * first delivery), every retry lands in duplicates exactly once, and the counters agree.
 */
class DedupCrashTest {

    private static final int KEYS = 400;
    private static final int DELIVERIES_PER_KEY = 4;

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.dedicated(BrokerMode.IN_PROCESS);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final int dedupPort = FreePorts.next();
    private final String applicationId = "dedup-crash-" + UUID.randomUUID();
    private Process dedup;
    private String guarantee;

    @AfterEach
    void stopDedup() {
        if (dedup != null) {
            dedup.destroyForcibly();
        }
    }

    @Test
    void killedMidStreamAndRestartedEveryKeyReachesUniqueExactlyOnce() throws Exception {
        Topics topics = kafka.createRandomTopics(3);
        guarantee = "exactly_once_v2";
        dedup = startDedup(topics);
        awaitReady();

        Map<String, String> firstEventIds = new LinkedHashMap<>();
        try (KafkaProducer<String, WebhookEnvelope> producer = producer()) {
            for (int round = 0; round < DELIVERIES_PER_KEY; round++) {
                List<Future<?>> sends = new ArrayList<>();
                for (int k = 0; k < KEYS; k++) {
                    WebhookEnvelope delivery = delivery("order-" + k);
                    firstEventIds.putIfAbsent(delivery.key().kafkaKey(), delivery.eventId());
                    sends.add(producer.send(new ProducerRecord<>(topics.inbound(), delivery.key().kafkaKey(), delivery)));
                    if (round == 1 && k == KEYS / 2) {
                        // Mid-stream: the process dies while it is working through what was just flushed,
                        // typically inside an open transaction; the rest of the stream arrives while it is down.
                        producer.flush();
                        dedup.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                        assertThat(dedup.exitValue()).isEqualTo(137);
                        dedup = startDedup(topics);
                    }
                }
                for (Future<?> send : sends) {
                    send.get(30, TimeUnit.SECONDS);
                }
            }
        }
        awaitReady();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode stats = stats();
            assertThat(stats.path("total_keys").asLong()).isEqualTo(KEYS);
            assertThat(stats.path("duplicates_dropped").asLong()).isEqualTo((long) KEYS * (DELIVERIES_PER_KEY - 1));
        });

        List<ConsumerRecord<String, WebhookEnvelope>> unique = CommittedRecords.read(kafka.bootstrapServers(), topics.unique(),
                ContractSerdes.envelope().deserializer(), Duration.ofSeconds(60));
        Map<String, String> uniqueEventIds = new HashMap<>();
        for (ConsumerRecord<String, WebhookEnvelope> record : unique) {
            assertThat(uniqueEventIds.put(record.key(), record.value().eventId())).as("second unique record for %s", record.key()).isNull();
        }
        assertThat(uniqueEventIds).isEqualTo(firstEventIds);

        List<ConsumerRecord<String, DuplicateRecord>> duplicates = CommittedRecords.read(kafka.bootstrapServers(), topics.duplicates(), ContractSerdes.duplicate().deserializer(),
                Duration.ofSeconds(60));
        assertThat(duplicates).hasSize(KEYS * (DELIVERIES_PER_KEY - 1));
        assertThat(duplicates).allSatisfy(record -> {
            assertThat(record.value().verdict()).isEqualTo(Verdict.DUPLICATE);
            assertThat(record.value().originalEventId()).isEqualTo(firstEventIds.get(record.key()));
        });
        assertThat(duplicates.stream().map(r -> r.value().envelope().eventId()).distinct().count())
                .as("no retry was audited twice").isEqualTo((long) duplicates.size());
    }

    /**
     * Under at_least_once the store survives the kill and may be ahead of the committed input offsets (the
     * key store writes its changelog per put, the offsets are committed every 30 s), so the records since the
     * last commit are read again and meet the offset-aware rules: a first delivery read again is forwarded
     * again with its own event id (the ledger keys on it), a retry read again is audited again, and no key
     * ever gets a second event. Counters are not asserted here: the cached stats store lags the key store.
     */
    @Test
    void underAtLeastOnceAReplayedRecordNeverBecomesASecondEvent() throws Exception {
        Topics topics = kafka.createRandomTopics(3);
        guarantee = "at_least_once";
        dedup = startDedup(topics);
        awaitReady();

        Map<String, String> firstEventIds = new LinkedHashMap<>();
        try (KafkaProducer<String, WebhookEnvelope> producer = producer()) {
            for (int round = 0; round < DELIVERIES_PER_KEY; round++) {
                List<Future<?>> sends = new ArrayList<>();
                for (int k = 0; k < KEYS; k++) {
                    WebhookEnvelope delivery = delivery("order-" + k);
                    firstEventIds.putIfAbsent(delivery.key().kafkaKey(), delivery.eventId());
                    sends.add(producer.send(new ProducerRecord<>(topics.inbound(), delivery.key().kafkaKey(), delivery)));
                }
                for (Future<?> send : sends) {
                    send.get(30, TimeUnit.SECONDS);
                }
            }
        }
        // everything decided, nothing committed yet (the first commit comes 30 s after start): kill now
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                endOffsetsSum(topics.unique()) >= KEYS);
        dedup.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        // the restarted one commits every second, so its first commit (what the wait below is for) comes at once;
        // what it reads again is decided by the killed one's commits, of which there were none
        dedup = startDedup(topics, "DEDUP_COMMIT_INTERVAL_MS", "1000");
        awaitReady();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(committedOffsetsSum(topics.inbound())).isEqualTo((long) KEYS * DELIVERIES_PER_KEY));

        List<ConsumerRecord<String, WebhookEnvelope>> unique = CommittedRecords.read(kafka.bootstrapServers(), topics.unique(),
                ContractSerdes.envelope().deserializer(), Duration.ofSeconds(60));
        Map<String, java.util.Set<String>> uniqueEventIds = new HashMap<>();
        unique.forEach(r -> uniqueEventIds.computeIfAbsent(r.key(), k -> new java.util.HashSet<>()).add(r.value().eventId()));
        assertThat(uniqueEventIds).hasSize(KEYS);
        assertThat(uniqueEventIds).allSatisfy((key, ids) -> assertThat(ids).containsExactly(firstEventIds.get(key)));
        assertThat(unique.size()).as("first deliveries forwarded again after the replay").isGreaterThan(KEYS);

        List<ConsumerRecord<String, DuplicateRecord>> duplicates = CommittedRecords.read(kafka.bootstrapServers(), topics.duplicates(),
                ContractSerdes.duplicate().deserializer(), Duration.ofSeconds(60));
        assertThat(duplicates).allSatisfy(record -> {
            assertThat(record.value().verdict()).isEqualTo(Verdict.DUPLICATE);
            assertThat(record.value().originalEventId()).isEqualTo(firstEventIds.get(record.key()));
        });
        assertThat(duplicates.stream().map(r -> r.value().envelope().eventId()).distinct().count())
                .as("every retry audited, none turned into a first").isEqualTo((long) KEYS * (DELIVERIES_PER_KEY - 1));
    }

    private long endOffsetsSum(String topic) throws Exception {
        try (var admin = kafka.broker().admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                    .collect(java.util.stream.Collectors.toMap(tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    private long committedOffsetsSum(String topic) throws Exception {
        try (var admin = kafka.broker().admin()) {
            return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** @param extraEnv variable, value, variable, value... beyond what every run sets */
    private Process startDedup(Topics topics, String... extraEnv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command("384m", "dev.webhookgate.dedup.DedupMain"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("dedup.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TOPIC_PREFIX", topics.prefix());
        env.put("APPLICATION_ID", applicationId);
        env.put("DATA_DIR", dataDir.toString());
        env.put("DEDUP_PORT", String.valueOf(dedupPort));
        env.put("PROCESSING_GUARANTEE", guarantee);
        // as deployed: the restarted process takes its tasks back without waiting out the killed one's session
        env.put("DEDUP_INSTANCE_ID", "dedup-crash-1");
        for (int i = 0; i < extraEnv.length; i += 2) {
            env.put(extraEnv[i], extraEnv[i + 1]);
        }
        return builder.start();
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() ->
                http.send(request("/health/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private JsonNode stats() throws Exception {
        HttpResponse<byte[]> response = http.send(request("/api/v1/idempotency/stats"), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return ContractJson.tree(response.body());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dedupPort + path)).timeout(Duration.ofSeconds(5)).build();
    }

    private static WebhookEnvelope delivery(String key) {
        String body = "{\"type\":\"order.created\",\"retailer\":\"" + key + "\",\"items\":[{\"sku\":\"apples\",\"quantity\":1,\"unit_price\":100}]}";
        return new WebhookEnvelope(UUID.randomUUID().toString(), Provider.CUSTOM, key, Instant.now(),
                Fingerprint.of(body.getBytes(StandardCharsets.UTF_8)), "application/json", Map.of(), body);
    }

    private KafkaProducer<String, WebhookEnvelope> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), ContractSerdes.envelope().serializer());
    }
}
