package dev.webhookgate.dedup;

import dev.webhookgate.fixture.TestHttp;
import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The operator's API and the batch verdict route of one instance on a real broker. */
class OpsApiTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    private static final String TOKEN = "ops-secret";

    @TempDir
    Path dataDir;

    private DedupCluster cluster;
    private DedupService service;

    @BeforeEach
    void start() {
        cluster = new DedupCluster(kafka.bootstrapServers(), kafka.createRandomTopics(2));
        service = cluster.start(dataDir, Map.of("OPS_TOKEN", TOKEN));
        DedupCluster.awaitReady(service);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private TestHttp.Reply ops(String method, String path) {
        return cluster.send(HttpRequest.newBuilder(DedupCluster.uri(service, path))
                .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Publishes and waits for its verdict, so the store has applied it. */
    private DedupCluster.Published deliver(Provider provider, String key, String body, Instant at) {
        DedupCluster.Published published = cluster.publish(delivery(provider, key, body, at));
        assertThat(cluster.verdict(service, published).status()).isEqualTo(200);
        return published;
    }

    @Test
    void keyLookupShowsTheFirstDeliveryItsExpiryAndItsDuplicates() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DedupCluster.Published first = deliver(Provider.STRIPE, "evt_lookup", "{}", now);
        deliver(Provider.STRIPE, "evt_lookup", "{}", now.plusSeconds(2));

        TestHttp.Reply reply = ops("GET", "/api/v1/idempotency/keys/stripe/evt_lookup");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("provider").asText()).isEqualTo("stripe");
        assertThat(body.path("idempotency_key").asText()).isEqualTo("evt_lookup");
        assertThat(body.path("event_id").asText()).isEqualTo(first.envelope().eventId());
        assertThat(body.path("first_seen").asText()).isEqualTo(UtcMillis.format(now));
        assertThat(body.path("expires_at").asText()).isEqualTo(UtcMillis.format(now.plus(Duration.ofDays(3))));
        assertThat(body.path("fingerprint").asText()).isEqualTo(first.envelope().fingerprint());
        assertThat(body.path("duplicates").asInt()).isEqualTo(1);
        assertThat(body.path("last_seen").asText()).isEqualTo(UtcMillis.format(now.plusSeconds(2)));
    }

    @Test
    void keyNeverSeenOrPastItsTtlIsNotFound() {
        deliver(Provider.GITHUB, "old-delivery", "{}", Instant.now().minus(Duration.ofHours(25)));

        assertThat(ops("GET", "/api/v1/idempotency/keys/github/never-seen").status()).isEqualTo(404);
        TestHttp.Reply expired = ops("GET", "/api/v1/idempotency/keys/github/old-delivery");
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.json().path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void statsCountKeysDuplicatesAndConflictsPerProvider() {
        Instant now = Instant.now();
        deliver(Provider.STRIPE, "evt_a", "{}", now);
        deliver(Provider.STRIPE, "evt_a", "{}", now.plusMillis(1));
        deliver(Provider.STRIPE, "evt_a", "{\"x\":1}", now.plusMillis(2));
        deliver(Provider.GITHUB, "g1", "{}", now);
        deliver(Provider.GITHUB, "g-old", "{}", now.minus(Duration.ofHours(30)));

        JsonNode stats = ops("GET", "/api/v1/idempotency/stats").json();

        assertThat(stats.path("total_keys").asLong()).isEqualTo(3);
        assertThat(stats.path("active_keys").asLong()).isEqualTo(2);
        assertThat(stats.path("expired_keys").asLong()).isEqualTo(1);
        assertThat(stats.path("by_webhook_type").path("stripe").asLong()).isEqualTo(1);
        assertThat(stats.path("by_webhook_type").path("github").asLong()).isEqualTo(1);
        assertThat(stats.path("duplicates_dropped").asLong()).isEqualTo(1);
        assertThat(stats.path("conflicts").asLong()).isEqualTo(1);
    }

    @Test
    void forgetAnswers202OnlyOnceAppliedSoTheNextDeliveryIsANewEvent() {
        Instant now = Instant.now();
        DedupCluster.Published first = deliver(Provider.SHOPIFY, "w-1", "{}", now);

        TestHttp.Reply forgotten = ops("DELETE", "/api/v1/idempotency/keys/shopify/w-1");
        DedupCluster.Published next = cluster.publish(delivery(Provider.SHOPIFY, "w-1", "{}", now.plusSeconds(1)));

        assertThat(forgotten.status()).isEqualTo(202);
        TestHttp.Reply verdict = cluster.verdict(service, next);
        assertThat(verdict.json().path("event_id").asText())
                .isEqualTo(next.envelope().eventId())
                .isNotEqualTo(first.envelope().eventId());
        assertThat(ops("DELETE", "/api/v1/idempotency/keys/shopify/never-held").status()).isEqualTo(404);
    }

    @Test
    void opsRoutesNeedTheTokenWhileHealthAndVerdictsDoNot() {
        DedupCluster.Published first = cluster.publish(delivery(Provider.CUSTOM, "c1", "{}", Instant.now()));

        TestHttp.Reply noToken = cluster.get(service, "/api/v1/idempotency/stats");
        TestHttp.Reply wrongToken = cluster.send(HttpRequest.newBuilder(DedupCluster.uri(service, "/api/v1/idempotency/keys/custom/c1"))
                .header("Authorization", "Bearer nope").GET());

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.json().path("error").asText()).isEqualTo("unauthorized");
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(cluster.get(service, "/health/live").status()).isEqualTo(200);
        assertThat(cluster.get(service, "/health/ready").status()).isEqualTo(200);
        assertThat(cluster.verdict(service, first).status()).isEqualTo(200);
    }

    @Test
    void batchVerdictsAnswerEachQueryInOrder() {
        DedupCluster.Published a = cluster.publish(delivery(Provider.STRIPE, "evt_b1", "{}", Instant.now()));
        DedupCluster.Published b = cluster.publish(delivery(Provider.STRIPE, "evt_b1", "{}", Instant.now()));
        String body = "{\"wait_ms\":3000,\"queries\":["
                + DedupCluster.batchQuery(a) + "," + DedupCluster.batchQuery(b) + ","
                + "{\"provider\":\"stripe\",\"idempotency_key\":\"evt_b1\",\"partition\":" + a.partition() + ",\"offset\":" + (b.offset() + 500) + "},"
                + "{\"provider\":\"nope\",\"idempotency_key\":\"x\",\"partition\":0,\"offset\":0}]}";

        TestHttp.Reply reply = cluster.post(service, "/internal/v1/verdicts", body);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode verdicts = reply.json().path("verdicts");
        assertThat(verdicts).hasSize(4);
        assertThat(verdicts.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(verdicts.get(0).path("event_id").asText()).isEqualTo(a.envelope().eventId());
        assertThat(verdicts.get(1).path("event_id").asText()).isEqualTo(a.envelope().eventId());
        assertThat(verdicts.get(2).path("status").asInt()).isEqualTo(504);
        assertThat(verdicts.get(3).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void metricsExposeStreamsMetricsAndDecisionsPerProviderAndVerdict() {
        Instant now = Instant.now();
        deliver(Provider.WHATSAPP, "SM-m", "Body=hi", now);
        deliver(Provider.WHATSAPP, "SM-m", "Body=hi", now);

        // The processor wakes the verdict as its put lands and counts the decision just after, on the stream
        // thread: a /metrics read right after the verdict can come between the two (seen in CI, 2026-12-02)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = cluster.text(HttpRequest.newBuilder(DedupCluster.uri(service, "/metrics")).header("Authorization", "Bearer " + TOKEN));
            assertThat(metrics).contains("kafka_stream_");
            assertThat(metrics).containsPattern("webhookgate_dedup_decisions_total\\{provider=\"whatsapp\",service=\"dedup-streams\",verdict=\"first\"} 1.0");
            assertThat(metrics).containsPattern("webhookgate_dedup_decisions_total\\{provider=\"whatsapp\",service=\"dedup-streams\",verdict=\"duplicate\"} 1.0");
        });
    }
}
