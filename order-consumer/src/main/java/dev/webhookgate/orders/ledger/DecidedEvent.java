package dev.webhookgate.orders.ledger;

import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.orders.mapping.Effect;
import dev.webhookgate.orders.mapping.EventMapping;
import dev.webhookgate.orders.mapping.PoisonEventException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumed event with what the mapper made of it: an effect, or the reason it was dead-lettered
 * (exactly one of the two), and where it sits in Kafka.
 */
public record DecidedEvent(WebhookEnvelope envelope, Effect effect, String deadLetterReason, String topic, int partition, long offset) {

    private static final Logger log = LoggerFactory.getLogger(DecidedEvent.class);

    public DecidedEvent {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(topic, "topic");
        if ((effect == null) == (deadLetterReason == null)) {
            throw new IllegalArgumentException("an event has either an effect or a dead-letter reason");
        }
    }

    /**
     * Runs the mapping; poison becomes a dead-letter reason. So does a mapper bug: it must not stop the partition
     * (or fail a redrive with a 500), and the event waits in the dead letters for a redrive after the fix.
     */
    public static DecidedEvent decide(EventMapping mapping, WebhookEnvelope envelope, String topic, int partition, long offset) {
        try {
            return applied(envelope, mapping.map(envelope), topic, partition, offset);
        } catch (PoisonEventException e) {
            return deadLettered(envelope, e.getMessage(), topic, partition, offset);
        } catch (RuntimeException e) {
            log.error("mapping event {} failed unexpectedly; dead-lettering it", envelope.eventId(), e);
            return deadLettered(envelope, "the consumer failed to map the event: " + e, topic, partition, offset);
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
