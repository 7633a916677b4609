package dev.webhookgate.ingest.publish;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Readiness's word on the producer itself: a broker that answers the probe can still refuse every record
 * (a topic whose limits changed, a lost WRITE grant, partitions without a leader). The rule: not ready while
 * the last {@value #FAILURES_IN_A_ROW} sends all failed and the latest failure is under {@link #RECENT} old.
 * One failure is a request's bad luck, not the service's state; and since an unready ingest gets no traffic
 * to prove itself with, a failure older than {@link #RECENT} no longer counts and the probe decides alone.
 */
public final class DeliveryHealth {

    static final int FAILURES_IN_A_ROW = 3;
    static final Duration RECENT = Duration.ofSeconds(10);

    private final String topic;
    private final LongSupplier nanoTime;
    private int failuresInARow;
    private long lastFailureNanos;
    private Throwable lastFailure;

    public DeliveryHealth(String topic) {
        this(topic, System::nanoTime);
    }

    DeliveryHealth(String topic, LongSupplier nanoTime) {
        this.topic = topic;
        this.nanoTime = nanoTime;
    }

    synchronized void delivered() {
        failuresInARow = 0;
        lastFailure = null;
    }

    synchronized void failed(Throwable error) {
        failuresInARow++;
        lastFailure = error;
        lastFailureNanos = nanoTime.getAsLong();
    }

    /** Null while the producer delivers (or has not failed lately); else a sentence naming the topic and the error. */
    public synchronized String problem() {
        if (failuresInARow < FAILURES_IN_A_ROW) {
            return null;
        }
        Duration since = Duration.ofNanos(nanoTime.getAsLong() - lastFailureNanos);
        if (since.compareTo(RECENT) >= 0) {
            return null;
        }
        return "the producer could not deliver the last " + failuresInARow + " records to " + topic + " (the latest "
                + since.toSeconds() + " s ago): " + lastFailure;
    }
}
