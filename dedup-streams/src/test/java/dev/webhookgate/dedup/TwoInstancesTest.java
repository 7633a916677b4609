package dev.webhookgate.dedup;

import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.dedup.topology.DedupTopology;
import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of one application, separate state dirs, on a real broker. */
class TwoInstancesTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @TempDir
    Path dirs;

    private DedupCluster cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    private record Pair(DedupService a, DedupService b) {
    }

    /** Two instances on fresh topics, both RUNNING and each holding partitions. */
    private Pair startTwoOn(int partitions) {
        cluster = new DedupCluster(kafka.bootstrapServers(), kafka.createRandomTopics(partitions));
        DedupService a = cluster.start(dirs.resolve("a"));
        DedupService b = cluster.start(dirs.resolve("b"));
        awaitBothOwnPartitions(a, b);
        return new Pair(a, b);
    }

    /** Both instances RUNNING and each holding partitions, so routing between them is exercised. */
    /**
     * Stats are 200 only once every partition was counted once: while a rebalance that started after the last verdict
     * moves one, they are 503 (StatsReader), as an operator would see, and the counts asserted are the answer after it.
     */
    private void awaitStats(DedupService instance, java.util.function.Consumer<TestHttp.Reply> counts) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            TestHttp.Reply stats = cluster.get(instance, "/api/v1/idempotency/stats");
            assertThat(stats.status()).as(stats.text()).isEqualTo(200);
            counts.accept(stats);
        });
    }

    private static void awaitBothOwnPartitions(DedupService a, DedupService b) {
        await().atMost(Duration.ofSeconds(60)).until(() -> a.isReady() && b.isReady()
                && ownersWithPartitions(a) == 2 && ownersWithPartitions(b) == 2);
    }

    private static long ownersWithPartitions(DedupService instance) {
        return instance.streams().metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::topicPartitions).filter(p -> !p.isEmpty()).count();
    }

    private List<DedupCluster.Published> publishKeys(int count, String prefix) {
        List<DedupCluster.Published> published = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            published.add(cluster.publish(delivery(Provider.STRIPE, prefix + i, "{\"n\":" + i + "}", Instant.now())));
        }
        return published;
    }

    private DedupCluster.Published retry(DedupCluster.Published first) {
        return cluster.publish(delivery(first.envelope().provider(), first.envelope().idempotencyKey(), first.envelope().body(), Instant.now()));
    }

    @Test
    void eitherInstanceAnswersVerdictsAndLookupsAndStatsAreSummed() {
        Pair pair = startTwoOn(4);
        DedupService a = pair.a();
        DedupService b = pair.b();

        List<DedupCluster.Published> firsts = publishKeys(8, "evt_two_");
        for (DedupCluster.Published first : firsts) {
            DedupCluster.Published again = retry(first);
            for (DedupService instance : List.of(a, b)) {
                assertThat(cluster.verdict(instance, first).json().path("event_id").asText()).isEqualTo(first.envelope().eventId());
                assertThat(cluster.verdict(instance, again).json().path("event_id").asText()).isEqualTo(first.envelope().eventId());
                TestHttp.Reply lookup = cluster.get(instance, "/api/v1/idempotency/keys/stripe/" + first.envelope().idempotencyKey());
                assertThat(lookup.status()).isEqualTo(200);
                assertThat(lookup.json().path("duplicates").asInt()).isEqualTo(1);
            }
        }

        for (DedupService instance : List.of(a, b)) {
            awaitStats(instance, stats -> {
                assertThat(stats.json().path("total_keys").asLong()).isEqualTo(8);
                assertThat(stats.json().path("active_keys").asLong()).isEqualTo(8);
                assertThat(stats.json().path("duplicates_dropped").asLong()).isEqualTo(8);
            });
        }
    }

    /**
     * With standbys every instance also holds copies of the other's partitions, which a query of the active stores
     * answers NOT_ACTIVE: stats must count each partition at its owner and answer 200, not 503.
     */
    @Test
    void statsAreSummedWhenEveryInstanceAlsoHoldsStandbys() {
        cluster = new DedupCluster(kafka.bootstrapServers(), kafka.createRandomTopics(4));
        Map<String, String> standby = Map.of("NUM_STANDBY_REPLICAS", "1");
        DedupService a = cluster.start(dirs.resolve("a"), standby);
        DedupService b = cluster.start(dirs.resolve("b"), standby);
        awaitBothOwnPartitions(a, b);
        await().atMost(Duration.ofSeconds(60)).until(() -> a.streams().metadataForAllStreamsClients().stream()
                .filter(instance -> !instance.standbyTopicPartitions().isEmpty()).count() == 2);

        for (DedupCluster.Published first : publishKeys(8, "evt_standby_")) {
            DedupCluster.Published again = retry(first);
            assertThat(cluster.verdict(a, again).json().path("event_id").asText()).isEqualTo(first.envelope().eventId());
        }

        for (DedupService instance : List.of(a, b)) {
            awaitStats(instance, stats -> {
                assertThat(stats.json().path("total_keys").asLong()).isEqualTo(8);
                assertThat(stats.json().path("active_keys").asLong()).isEqualTo(8);
                assertThat(stats.json().path("duplicates_dropped").asLong()).isEqualTo(8);
            });
        }
    }

    @Test
    void forwardedVerdictReachingANonOwnerIsUnavailableNotForwardedAgain() {
        Pair pair = startTwoOn(4);
        DedupCluster.Published first = cluster.publish(delivery(Provider.GITHUB, "fwd-1", "{}", Instant.now()));
        DedupService nonOwner = nonOwnerOf(pair, first);

        TestHttp.Reply reply = DedupCluster.verdictItem(cluster.send(HttpRequest.newBuilder(DedupCluster.uri(nonOwner,
                        "/internal/v1/verdicts"))
                .header("Content-Type", "application/json").header("X-Verdict-Forwarded", "1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"queries\":[" + DedupCluster.batchQuery(first) + "]}"))));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().path("error").asText()).isEqualTo("unavailable");
    }

    @Test
    void batchSpanningBothInstancesIsAnsweredInOrderWithOneForwardedBatchForTheOtherOwner() {
        DedupService a = startTwoOn(4).a();
        List<DedupCluster.Published> firsts = publishKeys(12, "evt_batch_");
        List<DedupCluster.Published> asked = new ArrayList<>(firsts);
        firsts.forEach(first -> asked.add(retry(first)));
        assertThat(asked.stream().map(p -> ownerPort(a, p)).distinct()).as("keys on both instances").hasSize(2);
        String body = "{\"wait_ms\":5000,\"queries\":[" + String.join(",", asked.stream().map(DedupCluster::batchQuery).toList()) + "]}";

        TestHttp.Reply reply = cluster.post(a, "/internal/v1/verdicts", body);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode verdicts = reply.json().path("verdicts");
        assertThat(verdicts).hasSize(asked.size());
        for (int i = 0; i < asked.size(); i++) {
            DedupCluster.Published first = firsts.get(i % firsts.size());
            assertThat(verdicts.get(i).path("status").asInt()).as("item %d", i).isEqualTo(200);
            assertThat(verdicts.get(i).path("event_id").asText()).as("item %d", i).isEqualTo(first.envelope().eventId());
        }
        assertThat(cluster.text(a, "/metrics"))
                .containsPattern("webhookgate_dedup_verdict_batches_forwarded_total\\{service=\"dedup-streams\"} 1.0");
    }

    @Test
    void forwardedBatchReachingANonOwnerAnswersItsItems503AndForwardsNothing() {
        Pair pair = startTwoOn(4);
        DedupCluster.Published first = cluster.publish(delivery(Provider.GITHUB, "fwd-batch-1", "{}", Instant.now()));
        DedupService nonOwner = nonOwnerOf(pair, first);
        // finding the non-owner asked a verdict of one instance, which may itself have forwarded it: count from here
        String forwardedBefore = forwardedBatches(nonOwner);

        TestHttp.Reply reply = cluster.send(HttpRequest.newBuilder(DedupCluster.uri(nonOwner, "/internal/v1/verdicts"))
                .header("X-Verdict-Forwarded", "1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"queries\":[" + DedupCluster.batchQuery(first) + "]}")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("verdicts").get(0).path("status").asInt()).isEqualTo(503);
        assertThat(forwardedBatches(nonOwner)).isEqualTo(forwardedBefore);
    }

    private String forwardedBatches(DedupService instance) {
        return cluster.text(instance, "/metrics").lines()
                .filter(line -> line.startsWith("webhookgate_dedup_verdict_batches_forwarded_total{"))
                .findFirst().orElseThrow(() -> new AssertionError("no forwarded-batches counter in /metrics"));
    }

    /** The instance that does not own {@code published}'s partition, once the record has been processed. */
    private DedupService nonOwnerOf(Pair pair, DedupCluster.Published published) {
        assertThat(cluster.verdict(pair.a(), published).status()).isEqualTo(200);
        return ownerPort(pair.a(), published) == pair.a().port() ? pair.b() : pair.a();
    }

    private static int ownerPort(DedupService any, DedupCluster.Published published) {
        return any.streams().queryMetadataForKey(DedupTopology.KEY_STORE, published.envelope().key().kafkaKey(),
                Serdes.String().serializer()).activeHost().port();
    }

    @Test
    void instanceWhoseStateDirWasDeletedRestoresAndStillDropsDuplicates() throws IOException {
        cluster = new DedupCluster(kafka.bootstrapServers(), kafka.createRandomTopics(2));
        Path bDir = dirs.resolve("b");
        // Streams leaves no group on close, so the restarted b waits for the old b's session to expire: 6 s
        // (the broker's minimum) instead of Kafka's 45 s default
        Map<String, String> shortSession = Map.of("DEDUP_SESSION_TIMEOUT_MS", "6000");
        DedupService a = cluster.start(dirs.resolve("a"), shortSession);
        DedupService b = cluster.start(bDir, shortSession);
        awaitBothOwnPartitions(a, b);
        List<DedupCluster.Published> firsts = publishKeys(6, "evt_restore_");
        for (DedupCluster.Published first : firsts) {
            assertThat(cluster.verdict(a, first).status()).isEqualTo(200);
        }

        cluster.stop(b);
        deleteRecursively(bDir);
        DedupService restored = cluster.start(bDir, shortSession);
        awaitBothOwnPartitions(a, restored);

        for (DedupCluster.Published first : firsts) {
            DedupCluster.Published again = retry(first);
            TestHttp.Reply verdict = cluster.verdict(restored, again);
            assertThat(verdict.status()).isEqualTo(200);
            assertThat(verdict.json().path("event_id").asText()).isEqualTo(first.envelope().eventId());
        }
        awaitStats(restored, stats -> {
            assertThat(stats.json().path("total_keys").asLong()).isEqualTo(6);
            assertThat(stats.json().path("duplicates_dropped").asLong()).isEqualTo(6);
        });
        assertThat(cluster.readAll(cluster.topics.unique(), 6)).hasSize(6);
    }

    @Test
    void verdictsWhileAnInstanceJoinsAreRightOrUnavailableNeverWrong() {
        cluster = new DedupCluster(kafka.bootstrapServers(), kafka.createRandomTopics(4));
        DedupService a = cluster.start(dirs.resolve("a"));
        DedupCluster.awaitReady(a);
        List<DedupCluster.Published> firsts = publishKeys(12, "evt_rebalance_");

        DedupService b = cluster.start(dirs.resolve("b"));
        int right = 0;
        int unavailable = 0;
        Instant until = Instant.now().plusSeconds(20);
        int i = 0;
        while (Instant.now().isBefore(until) && !(a.isReady() && b.isReady() && ownersWithPartitions(a) == 2 && right > 20)) {
            DedupCluster.Published first = firsts.get(i % firsts.size());
            DedupCluster.Published asked = i % 2 == 0 ? first : retry(first);
            DedupService instance = i % 3 == 0 ? b : a;
            TestHttp.Reply reply = cluster.verdict(instance, asked);
            if (reply.status() == 200) {
                assertThat(reply.json().path("event_id").asText()).as("verdict %s", reply.json()).isEqualTo(first.envelope().eventId());
                right++;
            } else {
                assertThat(reply.status()).as("verdict %s", reply.json()).isIn(503, 504);
                unavailable++;
            }
            i++;
        }
        assertThat(right).as("right answers (%d unavailable)", unavailable).isGreaterThan(20);
        awaitBothOwnPartitions(a, b);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
