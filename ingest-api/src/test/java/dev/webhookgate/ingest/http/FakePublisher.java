package dev.webhookgate.ingest.http;

import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.ingest.AnswerDeadline;
import dev.webhookgate.ingest.publish.Publisher;
import dev.webhookgate.ingest.publish.RecordPosition;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A one-partition inbound topic in memory, whose broker a test can make fail, hang or confirm late. */
final class FakePublisher implements Publisher {

    enum Mode { COMPLETES, FAILS, HANGS, COMPLETES_LATE, THROWS }

    private final List<WebhookEnvelope> published = new CopyOnWriteArrayList<>();
    private final List<Context> traces = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.COMPLETES;
    private volatile Duration lateBy = Duration.ZERO;

    /** Confirms again, and forgets what it was handed before. */
    synchronized void reset() {
        published.clear();
        traces.clear();
        mode = Mode.COMPLETES;
    }

    void fails() {
        mode = Mode.FAILS;
    }

    void hangs() {
        mode = Mode.HANGS;
    }

    /** publish() itself throws, as only a bug of ours would make it. */
    void throwsOnPublish() {
        mode = Mode.THROWS;
    }

    void completesLate(Duration by) {
        lateBy = by;
        mode = Mode.COMPLETES_LATE;
    }

    /** Everything the ingest handed over, in order, whatever the fake then did with it. */
    List<WebhookEnvelope> published() {
        return List.copyOf(published);
    }

    /** The trace context handed over with each traced record, in order: what the real publisher writes into its headers. */
    List<Context> traces() {
        return List.copyOf(traces);
    }

    /** The envelope stored at {@code offset}, if the fake confirmed one there. */
    Optional<WebhookEnvelope> at(long offset) {
        return offset < published.size() ? Optional.of(published.get((int) offset)) : Optional.empty();
    }

    @Override
    public synchronized CompletableFuture<RecordPosition> publish(WebhookEnvelope envelope, AnswerDeadline deadline, Context trace) {
        published.add(envelope);
        if (trace != null) {
            traces.add(trace);
        }
        RecordPosition position = new RecordPosition(0, published.size() - 1);
        return switch (mode) {
            case COMPLETES -> CompletableFuture.completedFuture(position);
            case FAILS -> CompletableFuture.failedFuture(new org.apache.kafka.common.errors.TimeoutException("broker away"));
            case HANGS -> new CompletableFuture<>();
            case THROWS -> throw new IllegalStateException("a bug in the publisher");
            case COMPLETES_LATE -> CompletableFuture.supplyAsync(() -> position,
                    CompletableFuture.delayedExecutor(lateBy.toMillis(), TimeUnit.MILLISECONDS));
        };
    }

    @Override
    public String topic() {
        return "fake.inbound";
    }

    @Override
    public void close() {
    }
}
