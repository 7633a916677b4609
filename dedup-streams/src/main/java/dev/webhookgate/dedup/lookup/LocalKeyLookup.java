package dev.webhookgate.dedup.lookup;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.dedup.topology.DedupTopology;
import dev.webhookgate.dedup.topology.DedupEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads of this instance's own partitions at a wanted position, waiting until processing reaches it or the
 * wait runs out. A read with a position goes to the {@link PositionWatch} first, which answers from the
 * decision the processor just put, or holds the read until that put lands; whatever it cannot answer is an
 * IQv2 query with the position bound (which answers "not up to bound" at once rather than blocking). No
 * request thread is held while it waits.
 */
public final class LocalKeyLookup {

    /** More concurrent waits than this means the store is far behind; refusing beats queueing forever. */
    public static final int MAX_PENDING = 10_000;
    /** Only for a store that is not queryable (rebalance, restore): no put on this instance will say when it is. */
    private static final long FIRST_BACKOFF_MS = 2;
    private static final long MAX_BACKOFF_MS = 25;

    private final StreamsRef streams;
    private final PositionWatch watch;
    private final ScheduledExecutorService scheduler;
    private final Semaphore pending = new Semaphore(MAX_PENDING);

    public LocalKeyLookup(StreamsRef streams, PositionWatch watch, ScheduledExecutorService scheduler) {
        this.streams = streams;
        this.watch = watch;
        this.scheduler = scheduler;
    }

    /**
     * Completes with the entry, or fails with {@link StoreNotReadyException} (not queryable),
     * {@link PositionNotReachedException} (position not reached in time) or {@link LookupOverloadedException}.
     */
    public CompletableFuture<Optional<DedupEntry>> read(DedupKey key, int partition, Optional<PositionMark> mark, Duration wait) {
        if (!pending.tryAcquire()) {
            return CompletableFuture.failedFuture(LookupOverloadedException.verdictsWaiting());
        }
        CompletableFuture<Optional<DedupEntry>> answer = new CompletableFuture<>();
        answer.whenComplete((entry, error) -> pending.release());
        Instant deadline = Instant.now().plus(wait);
        attempt(key, partition, mark, deadline, FIRST_BACKOFF_MS, answer);
        return answer;
    }

    private void attempt(DedupKey key, int partition, Optional<PositionMark> mark, Instant deadline, long backoffMs,
                         CompletableFuture<Optional<DedupEntry>> answer) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (mark.isEmpty() || left.isNegative() || left.isZero()) {
            complete(answer, queryOnce(key, partition, mark), deadline, key, partition, mark, backoffMs);
            return;
        }
        PositionWatch.Wait wait;
        try {
            wait = watch.await(mark.get(), key.kafkaKey(), left);
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
            return;
        }
        if (wait.progressUnknown()) {
            // Registered first, queried second: a put landing after this query is then sure to wake the wait.
            Attempt early = queryOnce(key, partition, mark);
            if (!early.notUpToBound) {
                wait.cancel();
                complete(answer, early, deadline, key, partition, mark, backoffMs);
                return;
            }
        }
        wait.reached().whenComplete((outcome, error) -> {
            if (error != null) {
                answer.completeExceptionally(error);
            } else if (outcome.decided()) {
                answer.complete(Optional.ofNullable(outcome.stored()));
            } else {
                complete(answer, queryOnce(key, partition, mark), deadline, key, partition, mark, backoffMs);
            }
        });
    }

    /** A final answer, or for a store that is not queryable a retry after a backoff while the wait lasts. */
    private void complete(CompletableFuture<Optional<DedupEntry>> answer, Attempt result, Instant deadline, DedupKey key,
                          int partition, Optional<PositionMark> mark, long backoffMs) {
        if (result.entry != null) {
            answer.complete(result.entry);
            return;
        }
        if (!Instant.now().plusMillis(backoffMs).isBefore(deadline)) {
            answer.completeExceptionally(result.lateAnswer);
            return;
        }
        try {
            scheduler.schedule(() -> attempt(key, partition, mark, deadline, Math.min(backoffMs * 2, MAX_BACKOFF_MS), answer),
                    backoffMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(result.lateAnswer); // shutting down: the answer as it stands
        }
    }

    /** Either the entry (possibly empty), or the error to answer with if waiting longer does not help. */
    private record Attempt(Optional<DedupEntry> entry, RuntimeException lateAnswer, boolean notUpToBound) {
    }

    private Attempt queryOnce(DedupKey key, int partition, Optional<PositionMark> mark) {
        try {
            return queryStore(key, partition, mark);
        } catch (RuntimeException e) {
            return new Attempt(null, new StoreNotReadyException("The dedup store could not be read: " + e.getMessage()), false);
        }
    }

    private Attempt queryStore(DedupKey key, int partition, Optional<PositionMark> mark) {
        StateQueryRequest<WindowStoreIterator<Object>> request = StateQueryRequest.inStore(DedupTopology.KEY_STORE)
                .withQuery(WindowKeyQuery.<String, Object>withKeyAndWindowStartRange(
                        key.kafkaKey(), Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE)))
                .withPartitions(Set.of(partition))
                .withPositionBound(mark.map(PositionMark::bound).orElse(PositionBound.unbounded()))
                // Not requireActive(): KafkaStreams.query drops the position bound of active-only requests.
                // Uncommitted reads: see docs/verdict-protocol.md for why a verdict from them is still right.
                .withIsolationLevel(IsolationLevel.READ_UNCOMMITTED);
        StateQueryResult<WindowStoreIterator<Object>> result;
        try {
            result = streams.streams().query(request);
        } catch (StreamsException e) {
            return new Attempt(null, new StoreNotReadyException("The dedup store is not queryable right now: " + e.getMessage()), false);
        }
        QueryResult<WindowStoreIterator<Object>> partitionResult = result.getPartitionResults().get(partition);
        if (partitionResult == null) {
            return new Attempt(null, new StoreNotReadyException("Partition " + partition + " is not held by this instance right now."), false);
        }
        if (partitionResult.isFailure()) {
            FailureReason reason = partitionResult.getFailureReason();
            if (reason == FailureReason.NOT_UP_TO_BOUND) {
                return new Attempt(null, new PositionNotReachedException(
                        "The dedup store had not processed " + mark.map(PositionMark::toString).orElse("the record") + " in time."), true);
            }
            return new Attempt(null, new StoreNotReadyException("The dedup store is not queryable right now (" + reason + ")."), false);
        }
        try (WindowStoreIterator<Object> windows = partitionResult.getResult()) {
            DedupEntry newest = null;
            while (windows.hasNext()) {
                KeyValue<Long, Object> window = windows.next();
                DedupEntry entry = unwrap(window.value);
                if (entry != null) {
                    newest = entry;
                }
            }
            return new Attempt(Optional.ofNullable(newest), null, false);
        }
    }

    /** IQv2 hands timestamped stores' values back either plain or wrapped, depending on the store layer. */
    private static DedupEntry unwrap(Object value) {
        if (value instanceof ValueAndTimestamp<?> stamped) {
            return (DedupEntry) stamped.value();
        }
        return (DedupEntry) value;
    }
}
