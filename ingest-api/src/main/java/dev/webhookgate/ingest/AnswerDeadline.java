package dev.webhookgate.ingest;

import java.time.Duration;

/**
 * When one request's answer is due, fixed once at arrival. docs/api.md promises the whole answer within 5 s
 * (Shopify's limit); every wait on the way (the publish, the verdict) takes what is left instead of a
 * constant of its own, so their sum can never pass the limit.
 */
public final class AnswerDeadline {

    /** The one answer bound, from arrival to the answer's first byte. */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    /** Kept back from every wait for building and writing the answer, and for a GC pause or a busy machine on the way. */
    public static final Duration WRITE_MARGIN = Duration.ofMillis(500);

    private final long lastWaitEndsNanos;

    private AnswerDeadline(long arrivalNanos) {
        this.lastWaitEndsNanos = arrivalNanos + ANSWER_WITHIN.minus(WRITE_MARGIN).toNanos();
    }

    /** @param arrivalNanos {@link System#nanoTime()} when the request arrived */
    public static AnswerDeadline from(long arrivalNanos) {
        return new AnswerDeadline(arrivalNanos);
    }

    /** How long a wait may still take; zero once the answer has to be written now. */
    public Duration left() {
        long left = lastWaitEndsNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }
}
