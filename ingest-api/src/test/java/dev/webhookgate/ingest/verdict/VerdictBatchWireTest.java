package dev.webhookgate.ingest.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictBatchWireTest {

    private static List<VerdictAnswer> answers(String json, int expected) {
        return VerdictBatchWire.answers(json.getBytes(StandardCharsets.UTF_8), expected);
    }

    @Test
    void eachItemIsTheFirstDeliveryOnlyWhenItIsA200WithAllThreeFields() {
        List<VerdictAnswer> read = answers("{\"verdicts\":["
                + "{\"status\":200,\"provider\":\"stripe\",\"event_id\":\"e1\",\"received_at\":\"2026-11-29T10:00:00.120Z\","
                + "\"fingerprint\":\"sha256:ab\",\"extra\":{\"a\":[1]}},"
                + "{\"status\":504,\"error\":\"verdict_timeout\",\"message\":\"late\"},"
                + "{\"status\":200,\"event_id\":\"e3\"},"
                + "[1,2]"
                + "],\"more\":{}}", 4);

        assertThat(read.get(0)).isEqualTo(new VerdictAnswer.FirstDelivery("e1", "2026-11-29T10:00:00.120Z", "sha256:ab"));
        assertThat(read.get(1)).isInstanceOfSatisfying(VerdictAnswer.Unknown.class, u -> assertThat(u.reason()).contains("504"));
        assertThat(read.get(2)).isInstanceOfSatisfying(VerdictAnswer.Unknown.class, u -> assertThat(u.reason()).contains("without event_id"));
        assertThat(read.get(3)).isInstanceOf(VerdictAnswer.Unknown.class);
    }

    @Test
    void aShortLongOrUnreadableReplyStillGivesExactlyOneAnswerPerQuery() {
        assertThat(answers("{\"verdicts\":[]}", 2)).hasSize(2).allMatch(VerdictAnswer.Unknown.class::isInstance);
        assertThat(answers("{\"verdicts\":[{\"status\":504},{\"status\":504},{\"status\":504}]}", 2)).hasSize(2);
        assertThat(answers("{\"verdicts\":[{\"status\":", 3)).hasSize(3).allMatch(VerdictAnswer.Unknown.class::isInstance);
        assertThat(answers("<html>", 1)).hasSize(1).allMatch(VerdictAnswer.Unknown.class::isInstance);
    }
}
