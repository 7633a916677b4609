package dev.webhookgate.ingest.http;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.ingest.publish.RecordPosition;
import dev.webhookgate.ingest.verdict.VerdictAnswer;
import dev.webhookgate.ingest.verdict.VerdictClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A dedup-streams that decides like the real one (the key's first published delivery is its first) over
 * the {@link FakePublisher}'s records, or that has no verdict, or that hangs.
 */
final class ScriptedVerdicts implements VerdictClient {

    enum Mode { DECIDES, UNKNOWN, HANGS, BREAKS }

    private final FakePublisher topic;
    private volatile Mode mode = Mode.DECIDES;

    ScriptedVerdicts(FakePublisher topic) {
        this.topic = topic;
    }

    void decides() {
        mode = Mode.DECIDES;
    }

    void unknown() {
        mode = Mode.UNKNOWN;
    }

    void hangs() {
        mode = Mode.HANGS;
    }

    /** The verdict fails with what the protocol does not map: only a bug of ours gets there. */
    void breaks() {
        mode = Mode.BREAKS;
    }

    @Override
    public CompletableFuture<VerdictAnswer> verdictOf(DedupKey key, RecordPosition position, Duration wait) {
        return switch (mode) {
            case DECIDES -> CompletableFuture.completedFuture(firstOf(key, position.offset()));
            case UNKNOWN -> CompletableFuture.completedFuture(new VerdictAnswer.Unknown("dedup-streams answered 503"));
            case HANGS -> new CompletableFuture<>();
            case BREAKS -> CompletableFuture.failedFuture(new IllegalStateException("a bug in the verdict client"));
        };
    }

    private VerdictAnswer firstOf(DedupKey key, long upTo) {
        for (long offset = 0; offset <= upTo; offset++) {
            WebhookEnvelope envelope = topic.at(offset).orElseThrow();
            if (envelope.key().equals(key)) {
                return new VerdictAnswer.FirstDelivery(envelope.eventId(), UtcMillis.format(envelope.receivedAt()), envelope.fingerprint());
            }
        }
        throw new IllegalStateException("no record of " + key + " up to offset " + upTo);
    }

    @Override
    public void close() {
    }
}
