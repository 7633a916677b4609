package dev.webhookgate.dedup.topology;

import dev.webhookgate.contract.verdict.DeliveryOutcome;
import dev.webhookgate.contract.Provider;

/**
 * Told of every decision the processor makes for the first time (replays excluded); metrics listen here.
 * Called on the stream thread for every record, so an implementation does no more than bump a meter.
 */
@FunctionalInterface
public interface DecisionListener {

    DecisionListener NONE = (provider, outcome) -> { };

    void decided(Provider provider, DeliveryOutcome outcome);

    /** A duplicate arrived {@code gapMillis} after its key's first delivery (record time, never negative). */
    default void duplicateGap(Provider provider, long gapMillis) {
    }

    /**
     * A delivery found its key expired less than one TTL ago and was processed anew: most likely a provider
     * retry that came after the TTL, which no later step can tell from a new event.
     */
    default void expiredRedelivery(Provider provider) {
    }
}
