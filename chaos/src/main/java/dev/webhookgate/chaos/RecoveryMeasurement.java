package dev.webhookgate.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.Fingerprint;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.fixture.Directories;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code bin/chaos --recovery [--keys 200000,1000000,2000000]}: for each store size, dedup-streams is filled
 * with that many keys (envelopes written straight to inbound), then killed with kill -9 in three
 * configurations, and the time until verdicts are 200 again on every partition is measured from outside
 * (through the ingest, {@link VerdictProbe}):
 * <ol>
 * <li>(a) exactly_once_v2, one instance, restarted at once: the store is wiped and restored from the changelog</li>
 * <li>(c) at_least_once, one instance, restarted at once: the store stays, only the changelog tail since the last
 *     checkpoint is replayed</li>
 * <li>(b) exactly_once_v2, two instances with one standby each and a 6 s session, the instance with the active
 *     tasks killed and left dead: the other promotes its standbys</li>
 * </ol>
 * After each recovery a sample of the preloaded keys is delivered again through the ingest: every one must
 * be answered 200 as a replay of its original event (nothing lost, nothing decided twice).
 */
final class RecoveryMeasurement {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int SAMPLE = 300;
    private static final Duration WITHIN = Duration.ofMinutes(10);

    private RecoveryMeasurement() {
    }

    static int run(List<String> args) throws Exception {
        int at = args.indexOf("--keys");
        List<Integer> sizes = at >= 0 ? List.of(args.get(at + 1).split(",")).stream().map(Integer::parseInt).toList()
                : List.of(200_000, 1_000_000, 2_000_000);
        int c = args.indexOf("--configs");
        String configs = c >= 0 ? args.get(c + 1) : "a,b,c";
        Path repo = Path.of(System.getProperty("chaos.repo", ".")).toAbsolutePath().normalize();
        Path runDir = Files.createTempDirectory("chaos-recovery-");
        System.out.println("recovery measurement at " + Instant.now() + ", load average " + loadAverage() + ", data in " + runDir);
        int failed = 0;
        for (int keys : sizes) {
            failed += measure(repo, runDir.resolve("keys-" + keys), keys, configs) ? 0 : 1;
        }
        Directories.deleteRecursively(runDir);
        System.out.println((sizes.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /** {@code configs}: which of a, b, c to measure ({@code --configs a,b,c}); the store is filled either way. */
    private static boolean measure(Path repo, Path dir, int keys, String configs) throws Exception {
        Files.createDirectories(dir);
        String id = "rec" + keys + "-" + UUID.randomUUID().toString().substring(0, 6);
        boolean ok = true;
        try (Brokers.Single brokers = new Brokers.Single(dir.resolve("broker"))) {
            Topics topics = brokers.createTopics(new Topics("chaos-" + id), Stack.PARTITIONS);
            // (a) and (c) on one instance with static membership, as compose runs it
            Stack single = new Stack(repo, dir, id, brokers.bootstrapServers(), (short) 1, topics,
                    new Stack.Options(1, true, Map.of("PROCESSING_GUARANTEE", "exactly_once_v2"), false), Optional.empty(), List.of()).start();
            Map<String, String> sample;
            try (WebhookClient client = new WebhookClient(single.ingest().port())) {
                long loadStart = System.nanoTime();
                sample = preload(brokers.bootstrapServers(), topics, keys);
                awaitTotalKeys(single.dedup(1), keys);
                System.out.printf(Locale.ROOT, "keys=%d preloaded and decided in %.0f s (load average %s)%n", keys,
                        (System.nanoTime() - loadStart) / 1e9, loadAverage());
                long changelog = changelogRecords(brokers, "chaos-" + id);
                VerdictProbe probe = new VerdictProbe(client, new Observations(), "probe-" + id, Stack.PARTITIONS);
                if (configs.contains("a")) {
                    ok &= report("a exactly_once_v2 restart", keys, changelog, killAndRestart(single.dedup(1), probe), sample, client);
                }
                single.dedup(1).stop();
                if (configs.contains("c")) {
                    ServiceProcess alos = single.dedupWith(1, Map.of("PROCESSING_GUARANTEE", "at_least_once"));
                    alos.start().awaitReady(Stack.READY);
                    probe.awaitAll200(System.nanoTime(), WITHIN);
                    // at least one at_least_once commit (every 30 s) with records on the way, as in production
                    Pause.millis(35_000);
                    ok &= report("c at_least_once restart", keys, changelog, killAndRestart(alos, probe), sample, client);
                    alos.stop();
                }
            } finally {
                single.close();
            }
            if (configs.contains("b")) {
                ok &= measureStandby(repo, dir, id, brokers, topics, keys, sample);
            }
        }
        return ok;
    }

    /**
     * (b): the same store under two instances with standbys; the killed one stays dead. Instance 1 comes back
     * with the whole store, so the assignor keeps every active task there and gives instance 2 the standbys:
     * the ingest asks instance 2, and instance 1 is the one killed.
     */
    private static boolean measureStandby(Path repo, Path dir, String id, Brokers brokers, Topics topics, int keys,
                                          Map<String, String> sample) throws Exception {
        Map<String, String> standby = new HashMap<>(StandbyFailover.STANDBY);
        standby.put("PROCESSING_GUARANTEE", "exactly_once_v2");
        Stack pair = new Stack(repo, dir, id, brokers.bootstrapServers(), (short) 1, topics,
                new Stack.Options(2, false, standby, false, 2), Optional.empty(), List.of()).start();
        try (WebhookClient client = new WebhookClient(pair.ingest().port())) {
            VerdictProbe probe = new VerdictProbe(client, new Observations(), "probe2-" + id, Stack.PARTITIONS);
            probe.awaitAll200(System.nanoTime(), WITHIN);
            long changelog = changelogRecords(brokers, "chaos-" + id);
            // standbys catch up in the background after RUNNING; give them more than a whole store's restore
            Pause.millis(Math.max(20_000, keys / 20));
            // the standby-only instance may never answer (no active store to count): ask it briefly
            long killedKeys = ActiveShare.totalKeys(pair.dedup(1), Duration.ofSeconds(30));
            long survivorKeys = ActiveShare.totalKeys(pair.dedup(2), Duration.ofSeconds(5));
            System.out.printf(Locale.ROOT, "keys=%d keys in active partitions before the kill (-1: no answer): dedup-streams-1 (killed) %d,"
                    + " dedup-streams-2 %d%n", keys, killedKeys, survivorKeys);
            long killed = System.nanoTime();
            pair.dedup(1).kill();
            Duration back = probe.awaitAll200(killed, WITHIN);
            boolean replayed = report("b exactly_once_v2 + standby, active instance killed", keys, changelog,
                    new Recovery(Duration.ZERO, back), sample, client);
            if (killedKeys <= 0) {
                System.out.println("  PROBLEM the killed instance held no active partition: no failover was measured");
            }
            return replayed && killedKeys > 0;
        } finally {
            pair.close();
        }
    }

    record Recovery(Duration ready, Duration verdicts) {
    }

    private static Recovery killAndRestart(ServiceProcess dedup, VerdictProbe probe) {
        long killed = System.nanoTime();
        dedup.kill();
        dedup.start();
        dedup.awaitReady(WITHIN);
        Duration ready = Duration.ofNanos(System.nanoTime() - killed);
        Duration back = probe.awaitAll200(killed, WITHIN);
        return new Recovery(ready, back);
    }

    /** Prints one line; true when the sample of preloaded keys came back as replays of their first events. */
    private static boolean report(String config, int keys, long changelog, Recovery recovery, Map<String, String> sample,
                                  WebhookClient client) {
        int replayed = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> entry : sample.entrySet()) {
            String key = entry.getKey();
            Answer answer = client.post(key, key, 0, body(key));
            if (answer.status() == 200 && answer.replayed() && entry.getValue().equals(answer.eventId())) {
                replayed++;
            } else if (wrong.size() < 3) {
                wrong.add(key + " -> " + answer.status() + " " + answer.eventId() + " replayed=" + answer.replayed());
            }
        }
        double readySeconds = recovery.ready().toMillis() / 1000.0;
        String rate = recovery.ready().isZero() ? "-" : String.format(Locale.ROOT, "%.0f", changelog / readySeconds);
        System.out.printf(Locale.ROOT, "keys=%d config=\"%s\" changelog_records=%d kill_to_ready_s=%s kill_to_verdicts_200_s=%.1f"
                        + " restore_records_per_s=%s sample_replayed=%d/%d load_average=%s%n",
                keys, config, changelog, recovery.ready().isZero() ? "-" : String.format(Locale.ROOT, "%.1f", readySeconds),
                recovery.verdicts().toMillis() / 1000.0, rate, replayed, sample.size(), loadAverage());
        wrong.forEach(w -> System.out.println("  PROBLEM not a replay of its first event: " + w));
        return replayed == sample.size();
    }

    /** Writes {@code keys} first deliveries straight to inbound; returns a sample of them with their event ids. */
    private static Map<String, String> preload(String bootstrap, Topics topics, int keys) {
        Map<String, String> sample = new HashMap<>();
        int every = Math.max(1, keys / SAMPLE);
        try (KafkaProducer<String, WebhookEnvelope> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), ContractSerdes.envelope().serializer())) {
            Instant now = Instant.now();
            for (int n = 0; n < keys; n++) {
                String key = "pre-" + n;
                String body = body(key);
                WebhookEnvelope envelope = new WebhookEnvelope(UUID.randomUUID().toString(), Provider.CUSTOM, key, now,
                        Fingerprint.of(body.getBytes(StandardCharsets.UTF_8)), "application/json", Map.of(), body);
                producer.send(new ProducerRecord<>(topics.inbound(), envelope.key().kafkaKey(), envelope));
                if (n % every == 0 && sample.size() < SAMPLE) {
                    sample.put(key, envelope.eventId());
                }
            }
            producer.flush();
        }
        return sample;
    }

    private static String body(String key) {
        return "{\"type\":\"order.created\",\"retailer\":\"" + key + "\",\"items\":[{\"sku\":\"apples\",\"quantity\":1,\"unit_price\":100}]}";
    }

    private static void awaitTotalKeys(ServiceProcess dedup, long keys) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(dedup.url("/api/v1/idempotency/stats"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200 && JSON.readTree(response.body()).path("total_keys").asLong() >= keys) {
                    return;
                }
            } catch (IOException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Pause.millis(1000);
        }
        throw new IllegalStateException("dedup-streams did not decide " + keys + " keys within " + WITHIN);
    }

    /** Records in the key store's changelog (latest minus earliest offsets): what a wiped store restores. */
    private static long changelogRecords(Brokers brokers, String applicationPrefix) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers.bootstrapServers()))) {
            List<String> changelogs = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(applicationPrefix) && t.endsWith("dedup-keys-changelog")).toList();
            List<TopicPartition> partitions = admin.describeTopics(changelogs).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toList());
            long latest = sum(admin, partitions, OffsetSpec.latest());
            long earliest = sum(admin, partitions, OffsetSpec.earliest());
            return latest - earliest;
        }
    }

    private static long sum(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all().get()
                .values().stream().mapToLong(info -> info.offset()).sum();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
