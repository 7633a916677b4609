package dev.webhookgate.dedup;

import dev.webhookgate.fixture.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.fixture.KafkaBrokerExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a probe found on a fresh instance: stats of an empty store, and query parameters outside what the topics have. */
class HostileDedupRequestsTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @TempDir
    static Path dataDir;

    private static DedupCluster cluster;
    private static DedupService service;

    @BeforeAll
    static void start() {
        cluster = new DedupCluster(kafka.bootstrapServers(), kafka.createRandomTopics(2));
        service = cluster.start(dataDir);
        DedupCluster.awaitReady(service);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void statsOfAnEmptyStoreAreZeros() {
        TestHttp.Reply reply = cluster.get(service, "/api/v1/idempotency/stats");

        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"total_keys\":0,\"active_keys\":0,\"expired_keys\":0,"
                + "\"by_webhook_type\":{},\"duplicates_dropped\":0,\"conflicts\":0}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/internal/v1/entries/github/d-1?partition=99999",
            "/internal/v1/entries/github/d-1?partition=2",
            "/internal/v1/entries/github/d-1?partition=-1",
            "/internal/v1/entries/github/d-1?partition=1e3",
            "/internal/v1/entries/github/d-1?partition=0&position_topic=nope&offset=1",
            "/internal/v1/entries/github/d-1?partition=0&wait_ms=abc",
    })
    void badQueryParametersAre400(String path) {
        TestHttp.Reply reply = cluster.get(service, path);

        assertThat(reply.status()).as(path + " -> " + reply.json()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isIn("invalid_request", "invalid_idempotency_key");
    }

    /** The bad values the single verdict GET refused, now as batch items: each is refused alone, with a 400. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"provider\":\"github\",\"idempotency_key\":\"d-1\",\"partition\":99999,\"offset\":0}",
            "{\"provider\":\"github\",\"idempotency_key\":\"d-1\",\"partition\":0,\"offset\":-5}",
            "{\"provider\":\"github\",\"idempotency_key\":\"d-1\",\"partition\":0,\"offset\":99999999999999999999}",
            "{\"provider\":\"github\",\"idempotency_key\":\"bad key\",\"partition\":0,\"offset\":0}",
    })
    void badBatchItemsAre400ForThatItem(String item) {
        TestHttp.Reply reply = DedupCluster.verdictItem(cluster.post(service, "/internal/v1/verdicts",
                "{\"wait_ms\":100,\"queries\":[" + item + "]}"));

        assertThat(reply.status()).as(item + " -> " + reply.json()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isIn("invalid_request", "invalid_idempotency_key");
    }

    @Test
    void aBatchItemForAPartitionThatDoesNotExistIsRefusedAlone() {
        TestHttp.Reply reply = cluster.post(service, "/internal/v1/verdicts",
                "{\"wait_ms\":100,\"queries\":[{\"provider\":\"github\",\"idempotency_key\":\"d-1\",\"partition\":99999,\"offset\":0}]}");

        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
        assertThat(reply.json().toString()).contains("\"status\":400");
    }
}
