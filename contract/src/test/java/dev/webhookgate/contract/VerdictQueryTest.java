package dev.webhookgate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictQueryTest {

    @Test
    void batchCarriesTheWaitAndEveryQueryInOrder() {
        JsonNode request = ContractJson.tree(VerdictQuery.batch(Duration.ofMillis(2000), List.of(
                new VerdictQuery(new DedupKey(Provider.STRIPE, "evt_1"), 2, 41),
                new VerdictQuery(new DedupKey(Provider.GITHUB, "d-1"), 0, 7))));

        assertThat(request.path("wait_ms").asLong()).isEqualTo(2000);
        assertThat(request.path("queries").toString()).isEqualTo(
                "[{\"provider\":\"stripe\",\"idempotency_key\":\"evt_1\",\"partition\":2,\"offset\":41},"
                        + "{\"provider\":\"github\",\"idempotency_key\":\"d-1\",\"partition\":0,\"offset\":7}]");
    }
}
