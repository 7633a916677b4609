package dev.webhookgate.dedup.verdict;

import dev.webhookgate.dedup.http.RequestParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.verdict.VerdictRequestCodec;
import dev.webhookgate.contract.verdict.VerdictResponseCodec;
import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictBatchTest {

    private static VerdictBatch parse(String json) {
        return VerdictBatch.parse(json.getBytes(StandardCharsets.UTF_8), 3);
    }

    @Test
    void readsEachQueryAsTextWhateverItsJsonTypeAndIgnoresUnknownFields() {
        VerdictBatch batch = parse("{\"queries\":[{\"provider\":\"stripe\",\"idempotency_key\":\"evt_1\",\"partition\":2,"
                + "\"offset\":\"41\",\"extra\":{\"nested\":[1,2]}},[1],{}],\"wait_ms\":7000,\"other\":[{}]}");

        assertThat(batch.queries()).containsExactly(
                new VerdictRequestCodec.ReceivedQuery("stripe", "evt_1", "2", "41"),
                new VerdictRequestCodec.ReceivedQuery(null, null, null, null),
                new VerdictRequestCodec.ReceivedQuery(null, null, null, null));
        assertThat(batch.waitFor()).isEqualTo(RequestParams.MAX_WAIT);
        assertThat(parse("{\"queries\":[]}").waitFor()).isEqualTo(RequestParams.DEFAULT_WAIT);
        assertThat(parse("{\"queries\":[],\"wait_ms\":250}").waitFor()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void malformedBatchesAreRefusedAsAWholeWithASentence() {
        for (String body : List.of("not json", "[]", "{\"queries\":{}}", "{}", "{\"queries\":[{},{},{},{}]}",
                "{\"queries\":[],\"wait_ms\":-1}", "{\"queries\":[{\"provider\":")) {
            assertThatThrownBy(() -> parse(body)).as(body).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("invalid_request");
                assertThat(e.getMessage()).isNotBlank();
            });
        }
    }

    @Test
    void answersAreRenderedInOrderWithTheStoredFirstDeliveryOrTheItemsError() {
        Instant firstSeen = Instant.parse("2026-11-29T10:00:00.120Z");
        DedupEntry entry = new DedupEntry("0192f3a4-5b6c-7d8e-9f01-23456789abcd", firstSeen, "sha256:ab", 1, 41, 3, firstSeen, 45);
        DedupKey key = new DedupKey(Provider.STRIPE, "evt_1");

        JsonNode rendered = ContractJson.tree(VerdictResponseCodec.write(List.of(
                VerdictBatch.found(key, entry),
                VerdictBatch.failed(new ApiException(504, "verdict_timeout", "not yet")))));

        JsonNode found = rendered.path("verdicts").get(0);
        assertThat(found.path("status").asInt()).isEqualTo(200);
        assertThat(found.path("provider").asText()).isEqualTo("stripe");
        assertThat(found.path("idempotency_key").asText()).isEqualTo("evt_1");
        assertThat(found.path("event_id").asText()).isEqualTo(entry.eventId());
        assertThat(found.path("received_at").asText()).isEqualTo("2026-11-29T10:00:00.120Z");
        assertThat(found.path("fingerprint").asText()).isEqualTo("sha256:ab");
        assertThat(found.path("partition").asInt()).isEqualTo(1);
        assertThat(found.path("offset").asLong()).isEqualTo(41);
        JsonNode failed = rendered.path("verdicts").get(1);
        assertThat(failed.path("status").asInt()).isEqualTo(504);
        assertThat(failed.path("error").asText()).isEqualTo("verdict_timeout");
        assertThat(failed.path("message").asText()).isEqualTo("not yet");
    }
}
