package dev.webhookgate.ingest.verdict;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.ingest.publish.RecordPosition;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Asks dedup-streams for the verdict of one record (docs/verdict-protocol.md). Never completes exceptionally. */
public interface VerdictClient extends AutoCloseable {

    CompletableFuture<VerdictAnswer> verdictOf(DedupKey key, RecordPosition position, Duration wait);

    @Override
    void close();
}
