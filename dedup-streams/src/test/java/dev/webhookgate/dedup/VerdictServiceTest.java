package dev.webhookgate.dedup;

import dev.webhookgate.fixture.TestHttp;
import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class VerdictServiceTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @TempDir
    Path dataDir;

    private DedupCluster cluster;
    private DedupService service;

    @BeforeEach
    void start() {
        cluster = new DedupCluster(kafka.bootstrapServers(), kafka.createRandomTopics(3));
        service = cluster.start(dataDir);
        DedupCluster.awaitReady(service);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void verdictOfARetryNamesTheFirstDeliveryAndOnlyTheFirstReachesUnique() {
        Instant now = Instant.now();
        DedupCluster.Published first = cluster.publish(delivery(Provider.STRIPE, "evt_1", "{\"id\":\"evt_1\"}", now));
        DedupCluster.Published retry = cluster.publish(delivery(Provider.STRIPE, "evt_1", "{\"id\":\"evt_1\"}", now.plusSeconds(5)));
        DedupCluster.Published reuse = cluster.publish(delivery(Provider.STRIPE, "evt_1", "{\"id\":\"other\"}", now.plusSeconds(6)));

        TestHttp.Reply firstVerdict = cluster.verdict(service, first);
        assertThat(firstVerdict.status()).isEqualTo(200);
        assertThat(firstVerdict.json().path("event_id").asText()).isEqualTo(first.envelope().eventId());
        assertThat(firstVerdict.json().path("received_at").asText()).isEqualTo(UtcMillis.format(now));
        assertThat(firstVerdict.json().path("partition").asInt()).isEqualTo(first.partition());
        assertThat(firstVerdict.json().path("offset").asLong()).isEqualTo(first.offset());

        TestHttp.Reply retryVerdict = cluster.verdict(service, retry);
        assertThat(retryVerdict.status()).isEqualTo(200);
        assertThat(retryVerdict.json().path("event_id").asText()).isEqualTo(first.envelope().eventId());
        assertThat(retryVerdict.json().path("fingerprint").asText()).isEqualTo(retry.envelope().fingerprint());

        TestHttp.Reply reuseVerdict = cluster.verdict(service, reuse);
        assertThat(reuseVerdict.json().path("event_id").asText()).isEqualTo(first.envelope().eventId());
        assertThat(reuseVerdict.json().path("fingerprint").asText()).isNotEqualTo(reuse.envelope().fingerprint());

        List<JsonNode> unique = cluster.readAll(cluster.topics.unique(), 1);
        assertThat(unique).extracting(n -> n.path("event_id").asText()).containsExactly(first.envelope().eventId());
        List<JsonNode> duplicates = cluster.readAll(cluster.topics.duplicates(), 2);
        assertThat(duplicates).extracting(n -> n.path("verdict").asText() + ":" + n.path("original_event_id").asText()
                        + ":" + n.path("event_id").asText())
                .containsExactly("duplicate:" + first.envelope().eventId() + ":" + retry.envelope().eventId(),
                        "conflict:" + first.envelope().eventId() + ":" + reuse.envelope().eventId());
    }

    @Test
    void verdictForAnOffsetNotYetWrittenTimesOutWith504() {
        DedupCluster.Published first = cluster.publish(delivery(Provider.GITHUB, "d-1", "{}", Instant.now()));

        TestHttp.Reply reply = DedupCluster.verdictItem(cluster.post(service, "/internal/v1/verdicts", """
                {"wait_ms": 300, "queries": [{"provider": "github", "idempotency_key": "d-1", "partition": %d, "offset": %d}]}
                """.formatted(first.partition(), first.offset() + 100)));

        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(504);
        assertThat(reply.json().path("error").asText()).isEqualTo("verdict_timeout");
    }
}
