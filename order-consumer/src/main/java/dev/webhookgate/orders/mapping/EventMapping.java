package dev.webhookgate.orders.mapping;

import dev.webhookgate.contract.WebhookEnvelope;

/**
 * Turns one envelope into what it asks of the ledger, or throws {@link PoisonEventException}. The consumer and
 * the dead-letter redrive share one instance, so a redrive runs an event through exactly today's mapping.
 */
@FunctionalInterface
public interface EventMapping {

    Effect map(WebhookEnvelope envelope);
}
