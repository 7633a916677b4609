package dev.webhookgate.dedup.topology;

import dev.webhookgate.contract.verdict.DeliveryOutcome;
import dev.webhookgate.runtime.config.IdempotencyEnv;
import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.contract.IdempotencySettings;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision alone: the cases a topology test cannot produce, such as a record read twice at one offset. */
class DedupRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.000Z");
    private static InboundDelivery inbound(Provider provider, String key, String body, Instant at) {
        return InboundDelivery.parse(ContractJson.envelope(delivery(provider, key, body, at)));
    }

    private final DedupRules rules = new DedupRules(IdempotencyEnv.read(new Env(Map.of())));

    @Test
    void firstDeliveryReadAgainAtItsOwnOffsetIsForwardedAgainNotDroppedAsItsOwnDuplicate() {
        InboundDelivery first = inbound(Provider.STRIPE, "evt_1", "{}", T0);
        DedupEntry stored = DedupEntry.first(first, 2, 41);

        DedupRules.Decision again = rules.decide(Optional.of(stored), first, 2, 41);

        assertThat(again.outcome()).isEqualTo(DeliveryOutcome.FIRST);
        assertThat(again.replay()).isTrue();
        assertThat(again.isNewKey()).isFalse();
        assertThat(again.entry()).isEqualTo(stored);
    }

    @Test
    void duplicateReadAgainIsDroppedAgainWithoutCountingTwice() {
        InboundDelivery first = inbound(Provider.STRIPE, "evt_1", "{}", T0);
        InboundDelivery retry = inbound(Provider.STRIPE, "evt_1", "{}", T0.plusSeconds(3));
        DedupRules.Decision once = rules.decide(Optional.of(DedupEntry.first(first, 0, 10)), retry, 0, 12);

        DedupRules.Decision twice = rules.decide(Optional.of(once.entry()), retry, 0, 12);

        assertThat(once.replay()).isFalse();
        assertThat(once.entry().duplicates()).isEqualTo(1);
        assertThat(twice.outcome()).isEqualTo(DeliveryOutcome.DUPLICATE);
        assertThat(twice.replay()).isTrue();
        assertThat(twice.entry().duplicates()).isEqualTo(1);
    }

    @Test
    void sameOffsetOnAnotherPartitionIsNotAReplay() {
        InboundDelivery first = inbound(Provider.STRIPE, "evt_1", "{}", T0);
        InboundDelivery retry = inbound(Provider.STRIPE, "evt_1", "{}", T0.plusSeconds(3));

        DedupRules.Decision decision = rules.decide(Optional.of(DedupEntry.first(first, 0, 10)), retry, 1, 10);

        assertThat(decision.outcome()).isEqualTo(DeliveryOutcome.DUPLICATE);
        assertThat(decision.replay()).isFalse();
    }
}
