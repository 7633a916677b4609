package dev.webhookgate.dedup.topology;

import dev.webhookgate.contract.IdempotencySettings;
import dev.webhookgate.contract.verdict.DeliveryOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * The decision for one delivery, as a pure function of the key's stored entry and the delivery itself:
 * no clock, no store. That is what makes a reprocessed partition reach the same decisions again.
 *
 * <p>Time is record time: a delivery is judged by its own {@code received_at} against the stored first
 * delivery's {@code received_at}, so a delivery stamped earlier than the first one (a skewed ingest clock)
 * is still inside the TTL, and nothing depends on when the processor happens to run.
 */
public final class DedupRules {

    /**
     * @param entry  what the store holds for the key afterwards
     * @param replay  the store had already applied this very record (at-least-once redelivery): the same
     *                outcome is forwarded again, but nothing is counted twice
     * @param renewed the stored entry had expired and this delivery starts a new TTL, so it needs a window
     *                of its own: the old window's retention was measured from the old first delivery
     */
    public record Decision(DeliveryOutcome outcome, DedupEntry entry, boolean replay, boolean renewed) {
        public boolean isNewKey() {
            return outcome == DeliveryOutcome.FIRST && !replay;
        }
    }

    private final IdempotencySettings settings;

    public DedupRules(IdempotencySettings settings) {
        this.settings = settings;
    }

    public Decision decide(Optional<DedupEntry> stored, InboundDelivery delivery, int partition, long offset) {
        if (!settings.enabled() || stored.isEmpty()) {
            return new Decision(DeliveryOutcome.FIRST, DedupEntry.first(delivery, partition, offset), false, false);
        }
        DedupEntry entry = stored.get();
        boolean samePartition = entry.partition() == partition;
        if (samePartition && entry.offset() == offset) {
            // KIP-655's stored offset: this is the first delivery itself, read again after a failure.
            return new Decision(DeliveryOutcome.FIRST, entry, true, false);
        }
        DeliveryOutcome later = DeliveryOutcome.ofLater(entry.fingerprint(), delivery.fingerprint());
        if (samePartition && offset > entry.offset() && offset <= entry.lastOffset()) {
            // A later delivery this entry has already counted, redelivered after an at-least-once failure.
            return new Decision(later, entry, true, false);
        }
        if (entry.isExpiredAt(delivery.receivedAt(), settings.ttlFor(delivery.provider()))) {
            return new Decision(DeliveryOutcome.FIRST, DedupEntry.first(delivery, partition, offset), false, true);
        }
        return new Decision(later, entry.seenAgain(delivery.receivedAt(), offset, later == DeliveryOutcome.DUPLICATE), false, false);
    }

    /**
     * For a renewed decision: the stored entry had expired less than one TTL before this delivery, the
     * signature of a provider retry that outlived the TTL. The store keeps an expired entry only until its
     * segment drops (retention is the longest TTL plus {@code DedupConfig.GRACE}), so this sees as far back
     * as that, not further.
     */
    public boolean expiredLessThanOneTtlAgo(DedupEntry expired, InboundDelivery delivery) {
        Duration ttl = settings.ttlFor(delivery.provider());
        return delivery.receivedAt().isBefore(expired.expiresAt(ttl).plus(ttl));
    }
}
