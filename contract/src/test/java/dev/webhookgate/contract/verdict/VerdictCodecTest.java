package dev.webhookgate.contract.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Provider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both codecs of the verdict protocol: what one side writes, the other reads back unchanged. */
class VerdictCodecTest {

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void batchCarriesTheWaitAndEveryQueryInOrder() {
        JsonNode request = ContractJson.tree(VerdictRequestCodec.write(Duration.ofMillis(2000), List.of(
                new VerdictQuery(new DedupKey(Provider.STRIPE, "evt_1"), 2, 41),
                new VerdictQuery(new DedupKey(Provider.GITHUB, "d-1"), 0, 7))));

        assertThat(request.path("wait_ms").asLong()).isEqualTo(2000);
        assertThat(request.path("queries").toString()).isEqualTo(
                "[{\"provider\":\"stripe\",\"idempotency_key\":\"evt_1\",\"partition\":2,\"offset\":41},"
                        + "{\"provider\":\"github\",\"idempotency_key\":\"d-1\",\"partition\":0,\"offset\":7}]");
    }

    @Test
    void requestRoundTripKeepsEveryQueryAsText() {
        VerdictRequestCodec.Received read = VerdictRequestCodec.read(VerdictRequestCodec.write(Duration.ofMillis(300), List.of(
                new VerdictQuery(new DedupKey(Provider.STRIPE, "evt_1"), 2, 41),
                new VerdictQuery(new DedupKey(Provider.SHOPIFY, "w-1"), 5, 0))), VerdictProtocol.MAX_QUERIES);

        assertThat(read.waitMs()).isEqualTo("300");
        assertThat(read.queries()).containsExactly(
                new VerdictRequestCodec.ReceivedQuery("stripe", "evt_1", "2", "41"),
                new VerdictRequestCodec.ReceivedQuery("shopify", "w-1", "5", "0"));
    }

    @Test
    void aBadItemIsReadAsMissingFieldsAndABadRequestAsAWhole() {
        VerdictRequestCodec.Received read = VerdictRequestCodec.read(utf8("""
                {"queries": [[1], {"provider": {"x": 1}, "partition": null, "extra": [1]}], "other": {}}
                """), 10);
        assertThat(read.waitMs()).isNull();
        assertThat(read.queries()).containsExactly(
                new VerdictRequestCodec.ReceivedQuery(null, null, null, null),
                new VerdictRequestCodec.ReceivedQuery(null, null, null, null));

        assertThatThrownBy(() -> VerdictRequestCodec.read(utf8("[]"), 10)).isInstanceOf(MalformedVerdictRequest.class)
                .hasMessage("The body must be a JSON object.");
        assertThatThrownBy(() -> VerdictRequestCodec.read(utf8("{\"wait_ms\": 5}"), 10)).isInstanceOf(MalformedVerdictRequest.class)
                .hasMessage("queries must be an array of at most 10 items.");
        assertThatThrownBy(() -> VerdictRequestCodec.read(utf8("{\"queries\": [{}, {}, {}]}"), 2))
                .hasMessage("queries must be an array of at most 2 items.");
        assertThatThrownBy(() -> VerdictRequestCodec.read(utf8("{\"queries\": ["), 2)).hasMessageStartingWith("The body must be JSON");
    }

    @Test
    void responseRoundTripKeepsEveryItemInOrder() {
        List<VerdictItem> items = List.of(
                new VerdictItem.Found("stripe", "evt_1", "e1", "2026-11-29T10:00:00.120Z", "sha256:ab", 1, 41),
                new VerdictItem.Failed(504, "verdict_timeout", "not yet"),
                new VerdictItem.Failed(503, "unavailable", "rebalancing"));

        assertThat(VerdictResponseCodec.read(VerdictResponseCodec.write(items), 3)).isEqualTo(items);
    }

    @Test
    void aFoundItemIsWrittenWithStatus200AndEveryField() {
        JsonNode found = ContractJson.tree(VerdictResponseCodec.write(List.of(
                new VerdictItem.Found("stripe", "evt_1", "e1", "2026-11-29T10:00:00.120Z", "sha256:ab", 1, 41)))).path("verdicts").get(0);
        assertThat(found.toString()).isEqualTo("{\"status\":200,\"provider\":\"stripe\",\"idempotency_key\":\"evt_1\",\"event_id\":\"e1\","
                + "\"received_at\":\"2026-11-29T10:00:00.120Z\",\"fingerprint\":\"sha256:ab\",\"partition\":1,\"offset\":41}");
    }

    @Test
    void eachItemIsFoundOnlyWhenItIsA200WithAllThreeFields() {
        List<VerdictItem> read = VerdictResponseCodec.read(utf8("""
                {"verdicts": [
                  {"status": 200, "provider": "stripe", "event_id": "e1", "received_at": "2026-11-29T10:00:00.120Z",
                   "fingerprint": "sha256:ab", "extra": {"a": [1]}},
                  {"status": 504, "error": "verdict_timeout", "message": "late"},
                  {"status": 200, "event_id": "e3"},
                  [1, 2]
                ], "more": {}}
                """), 4);

        assertThat(read.get(0)).isInstanceOfSatisfying(VerdictItem.Found.class, f -> {
            assertThat(f.eventId()).isEqualTo("e1");
            assertThat(f.receivedAt()).isEqualTo("2026-11-29T10:00:00.120Z");
            assertThat(f.fingerprint()).isEqualTo("sha256:ab");
        });
        assertThat(read.get(1)).isEqualTo(new VerdictItem.Failed(504, "verdict_timeout", "late"));
        assertThat(read.get(2)).isInstanceOfSatisfying(VerdictItem.Failed.class, f -> assertThat(f.message()).contains("without event_id"));
        assertThat(read.get(3)).isInstanceOf(VerdictItem.Failed.class);
    }

    @Test
    void aShortLongOrUnreadableAnswerStillGivesExactlyOneItemPerQuery() {
        assertThat(VerdictResponseCodec.read(utf8("{\"verdicts\":[]}"), 2)).hasSize(2).allMatch(VerdictItem.Failed.class::isInstance);
        assertThat(VerdictResponseCodec.read(utf8("{\"verdicts\":[{\"status\":504},{\"status\":504},{\"status\":504}]}"), 2)).hasSize(2);
        assertThat(VerdictResponseCodec.read(utf8("{\"verdicts\":[{\"status\":"), 3)).hasSize(3).allMatch(VerdictItem.Failed.class::isInstance);
        assertThat(VerdictResponseCodec.read(utf8("<html>"), 1)).hasSize(1).allMatch(VerdictItem.Failed.class::isInstance);
    }
}
