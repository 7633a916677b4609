package dev.webhookgate.contract.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one rule both sides read a verdict by; the ingest's answers and dedup's routing rest on it. */
class DeliveryOutcomeTest {

    @Test
    void theFirstDeliveryItselfIsFirstWhateverItsFingerprint() {
        assertThat(DeliveryOutcome.of("evt-1", "sha256:aa", "evt-1", "sha256:aa")).isEqualTo(DeliveryOutcome.FIRST);
    }

    @Test
    void anotherDeliveryWithTheSameBodyIsADuplicate() {
        assertThat(DeliveryOutcome.of("evt-1", "sha256:aa", "evt-2", "sha256:aa")).isEqualTo(DeliveryOutcome.DUPLICATE);
        assertThat(DeliveryOutcome.ofLater("sha256:aa", "sha256:aa")).isEqualTo(DeliveryOutcome.DUPLICATE);
    }

    @Test
    void anotherDeliveryWithAnotherBodyIsAConflict() {
        assertThat(DeliveryOutcome.of("evt-1", "sha256:aa", "evt-2", "sha256:bb")).isEqualTo(DeliveryOutcome.CONFLICT);
        assertThat(DeliveryOutcome.ofLater("sha256:aa", "sha256:bb")).isEqualTo(DeliveryOutcome.CONFLICT);
    }
}
