package dev.webhookgate.ingest.delivery;

import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.ingest.publish.ProducerSettings;
import dev.webhookgate.ingest.publish.Publisher;
import dev.webhookgate.ingest.publish.RecordPosition;
import dev.webhookgate.ingest.verdict.VerdictAnswer;
import dev.webhookgate.ingest.verdict.VerdictClient;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish, then ask dedup-streams what that record turned out to be. The ingest keeps no key map of its
 * own: the partition order decides between concurrent deliveries, and every wait is bounded so the whole
 * answer stays inside the 5 s docs/api.md promises.
 */
public final class AckProtocol {

    private static final Logger log = LoggerFactory.getLogger(AckProtocol.class);
    /** The producer fails a record after delivery.timeout.ms; this only guards against a callback that never comes. */
    static final Duration PUBLISH_BOUND = ProducerSettings.MAX_BLOCK.plus(ProducerSettings.DELIVERY_TIMEOUT).plusMillis(250);
    private static final Duration VERDICT_SLACK = Duration.ofMillis(750);

    private final Publisher publisher;
    private final VerdictClient verdicts;
    private final Duration verdictTimeout;
    private final boolean idempotencyEnabled;

    public AckProtocol(Publisher publisher, VerdictClient verdicts, Duration verdictTimeout, boolean idempotencyEnabled) {
        this.publisher = publisher;
        this.verdicts = verdicts;
        this.verdictTimeout = verdictTimeout;
        this.idempotencyEnabled = idempotencyEnabled;
    }

    /**
     * Completes with the answer, or exceptionally with an {@link ApiException} (503 unpublished, 422 conflict).
     *
     * @param trace the request's spans, or null when tracing is off
     */
    public CompletableFuture<Answer> acknowledge(WebhookEnvelope envelope, DeliveryTrace trace) {
        Ack own = new Ack(envelope.provider().id(), envelope.idempotencyKey(), envelope.eventId(),
                UtcMillis.format(envelope.receivedAt()));
        return publish(envelope, trace)
                .orTimeout(PUBLISH_BOUND.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    log.warn("could not publish {}: {}", envelope.key(), cause.toString());
                    throw ApiException.unavailable("Kafka did not take the webhook (" + cause.getClass().getSimpleName()
                            + "); nothing was stored, retry after 5 seconds.");
                })
                .thenCompose(position -> idempotencyEnabled
                        ? verdict(envelope, own, position, trace)
                        : CompletableFuture.completedFuture(new Answer(200, own.accepted(), false, "accepted")));
    }

    private CompletableFuture<RecordPosition> publish(WebhookEnvelope envelope, DeliveryTrace trace) {
        if (trace == null) {
            return publisher.publish(envelope, null);
        }
        trace.accepted(envelope);
        Span span = trace.publishStarted(publisher.topic(), envelope.key().kafkaKey());
        return publisher.publish(envelope, Context.root().with(span))
                .whenComplete((position, error) -> DeliveryTrace.publishEnded(span, position, error));
    }

    private CompletableFuture<Answer> verdict(WebhookEnvelope envelope, Ack own, RecordPosition position, DeliveryTrace trace) {
        Span wait = trace == null ? null : trace.verdictWaitStarted();
        CompletableFuture<VerdictAnswer> answer = verdicts.verdictOf(envelope.key(), position, verdictTimeout)
                .completeOnTimeout(new VerdictAnswer.Unknown("no verdict within " + verdictTimeout.toMillis() + " ms"),
                        verdictTimeout.plus(VERDICT_SLACK).toMillis(), TimeUnit.MILLISECONDS);
        if (wait != null) {
            answer = answer.whenComplete((reply, error) -> DeliveryTrace.verdictWaitEnded(wait, reply));
        }
        return answer.thenApply(reply -> decide(envelope, own, reply));
    }

    static Answer decide(WebhookEnvelope envelope, Ack own, VerdictAnswer answer) {
        if (answer instanceof VerdictAnswer.FirstDelivery first) {
            Ack stored = new Ack(own.provider(), own.idempotencyKey(), first.eventId(), first.receivedAt());
            if (first.eventId().equals(envelope.eventId())) {
                return new Answer(200, stored.accepted(), false, "accepted");
            }
            if (first.fingerprint().equals(envelope.fingerprint())) {
                return new Answer(200, stored.accepted(), true, "replayed");
            }
            throw new ApiException(422, "idempotency_key_reused", "Idempotency key " + envelope.idempotencyKey()
                    + " was first used for a different body (event " + first.eventId() + "); use a new key for a new request.");
        }
        return new Answer(202, own.queued(), false, "queued");
    }
}
