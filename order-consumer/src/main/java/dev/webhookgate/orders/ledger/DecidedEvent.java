package dev.webhookgate.orders.ledger;

import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.orders.mapping.Effect;
import java.util.Objects;

/**
 * One consumed event with what the mapper made of it: an effect, or the reason it was dead-lettered
 * (exactly one of the two), and where it sits in Kafka.
 */
public record DecidedEvent(WebhookEnvelope envelope, Effect effect, String deadLetterReason, String topic, int partition, long offset) {

    public DecidedEvent {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(topic, "topic");
        if ((effect == null) == (deadLetterReason == null)) {
            throw new IllegalArgumentException("an event has either an effect or a dead-letter reason");
        }
    }

    public static DecidedEvent applied(WebhookEnvelope envelope, Effect effect, String topic, int partition, long offset) {
        return new DecidedEvent(envelope, effect, null, topic, partition, offset);
    }

    public static DecidedEvent deadLettered(WebhookEnvelope envelope, String reason, String topic, int partition, long offset) {
        return new DecidedEvent(envelope, null, reason, topic, partition, offset);
    }

    Outcome intendedOutcome() {
        if (deadLetterReason != null) {
            return Outcome.DEAD_LETTERED;
        }
        return effect instanceof Effect.Ignore ? Outcome.IGNORED : Outcome.APPLIED;
    }

    String reason() {
        if (deadLetterReason != null) {
            return deadLetterReason;
        }
        return effect instanceof Effect.Ignore ignore ? ignore.reason() : null;
    }
}
