package dev.webhookgate.dedup.topology;

import dev.webhookgate.contract.Provider;

/** Told of every decision the processor makes for the first time (replays excluded); metrics listen here. */
@FunctionalInterface
public interface DecisionListener {

    DecisionListener NONE = (provider, outcome) -> { };

    void decided(Provider provider, DedupRules.Outcome outcome);
}
