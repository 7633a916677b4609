package dev.webhookgate.ingest.delivery;

import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.contract.verdict.DeliveryOutcome;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.ingest.AnswerDeadline;
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
 * own: the partition order decides between concurrent deliveries. Both waits take what is left of the
 * request's {@link AnswerDeadline}, so the whole answer stays inside the 5 s docs/api.md promises whatever
 * the broker and dedup-streams do.
 */
public final class AckProtocol {

    private static final Logger log = LoggerFactory.getLogger(AckProtocol.class);
    /** dedup-streams is asked to wait this much less than we do, so its "not yet" reaches us before our own bound. */
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
     * Completes with the answer, or exceptionally with an {@link ApiException} (503 not confirmed, 422 conflict).
     *
     * @param deadline made when the request arrived
     * @param trace the request's spans, or null when tracing is off
     */
    public CompletableFuture<Answer> acknowledge(WebhookEnvelope envelope, AnswerDeadline deadline, DeliveryTrace trace) {
        Ack own = new Ack(envelope.provider().id(), envelope.idempotencyKey(), envelope.eventId(),
                UtcMillis.format(envelope.receivedAt()));
        // the producer gives up after delivery.timeout.ms by itself; this bounds a callback that never comes
        return publish(envelope, deadline, trace)
                .orTimeout(deadline.left().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    log.warn("Kafka did not confirm {}: {}", envelope.key(), cause.toString());
                    throw notConfirmed(cause);
                })
                .thenCompose(position -> idempotencyEnabled
                        ? verdict(envelope, own, position, deadline, trace)
                        : CompletableFuture.completedFuture(new Answer(200, own.accepted(), false, "accepted")));
    }

    /**
     * A 503 is "not confirmed", not "not stored" (docs/api.md): the producer may still deliver a record whose
     * confirmation came too late, and dedup-streams then deduplicates and processes it like any other.
     */
    static ApiException notConfirmed(Throwable cause) {
        return ApiException.unavailable("The webhook was not confirmed by Kafka in time (" + cause.getClass().getSimpleName()
                + "); it may still be stored and processed, and a retry with the same key and body is safe;"
                + " retry after 5 seconds.");
    }

    private CompletableFuture<RecordPosition> publish(WebhookEnvelope envelope, AnswerDeadline deadline, DeliveryTrace trace) {
        if (trace == null) {
            return publisher.publish(envelope, deadline, null);
        }
        trace.accepted(envelope);
        Span span = trace.publishStarted(publisher.topic(), envelope.key().kafkaKey());
        return publisher.publish(envelope, deadline, Context.root().with(span))
                .whenComplete((position, error) -> DeliveryTrace.publishEnded(span, position, error));
    }

    private CompletableFuture<Answer> verdict(WebhookEnvelope envelope, Ack own, RecordPosition position,
                                              AnswerDeadline deadline, DeliveryTrace trace) {
        Span wait = trace == null ? null : trace.verdictWaitStarted();
        // VERDICT_TIMEOUT_MS caps the verdict wait; after a slow publish the deadline leaves it less
        Duration bound = min(verdictTimeout.plus(VERDICT_SLACK), deadline.left());
        Duration asked = bound.compareTo(VERDICT_SLACK) > 0 ? bound.minus(VERDICT_SLACK) : Duration.ZERO;
        CompletableFuture<VerdictAnswer> answer = verdicts.verdictOf(envelope.key(), position, asked)
                .completeOnTimeout(new VerdictAnswer.Unknown("no verdict within " + bound.toMillis() + " ms"),
                        bound.toMillis(), TimeUnit.MILLISECONDS);
        if (wait != null) {
            answer = answer.whenComplete((reply, error) -> DeliveryTrace.verdictWaitEnded(wait, reply));
        }
        return answer.thenApply(reply -> decide(envelope, own, reply));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** What the verdict means for this delivery's answer: {@link DeliveryOutcome} decides, this only renders it. */
    static Answer decide(WebhookEnvelope envelope, Ack own, VerdictAnswer answer) {
        if (!(answer instanceof VerdictAnswer.FirstDelivery first)) {
            return new Answer(202, own.queued(), false, "queued");
        }
        Ack stored = new Ack(own.provider(), own.idempotencyKey(), first.eventId(), first.receivedAt());
        return switch (DeliveryOutcome.of(first.eventId(), first.fingerprint(), envelope.eventId(), envelope.fingerprint())) {
            case FIRST -> new Answer(200, stored.accepted(), false, "accepted");
            case DUPLICATE -> new Answer(200, stored.accepted(), true, "replayed");
            case CONFLICT -> throw new ApiException(422, "idempotency_key_reused", "Idempotency key " + envelope.idempotencyKey()
                    + " was first used for a different body (event " + first.eventId() + "); use a new key for a new request.");
        };
    }
}
