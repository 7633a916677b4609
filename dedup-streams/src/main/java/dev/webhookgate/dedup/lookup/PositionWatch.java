package dev.webhookgate.dedup.lookup;

import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.dedup.topology.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each partition's processing stands, for verdicts that must reflect a given offset (read-your-writes).
 *
 * <p>Per partition it remembers the last {@link #REMEMBERED_PER_PARTITION} decisions by offset: the entry the
 * processor put for that record's key. A verdict for an offset that was just processed, the common case
 * under load, is answered from there without a store query; this is the same value an IQv2 read at that
 * position returns, taken as the put lands. A verdict ahead of processing waits here and is answered by the
 * put of its own offset. Anything else (an offset no longer remembered, a record that was skipped, a
 * different key at that offset, a timeout) is told to ask the store, whose IQv2 position bound stays the
 * judge.
 *
 * <p>Bounded: at most {@code capacity} waits at a time (beyond that {@link #await} refuses with {@link LookupOverloadedException}), each
 * ends by its timeout at the latest, and the memory per partition is fixed. Waits are completed on
 * {@code executor}, never on the stream thread: what runs next renders an HTTP response.
 */
public final class PositionWatch implements ProgressListener {

    /**
     * Covers the few milliseconds between a record's write and its verdict query even at 10k records/s on one
     * partition (~100 ms of them). Memory: the three arrays plus the entries they keep alive, about 300 KB per
     * partition that has seen a record here; a partition's task closing here frees it.
     */
    public static final int REMEMBERED_PER_PARTITION = 1024;

    private static final String SHUTTING_DOWN = "The dedup instance is shutting down.";

    private final int capacity;
    private final ScheduledExecutorService executor;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>();
    /** Woken waits not yet finished; holds only waits taken out of their partition, so the same cap bounds it. */
    private final Queue<Woken> woken = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    public PositionWatch(int capacity, ScheduledExecutorService executor) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.executor = executor;
    }

    /** How a wait ended. */
    public enum Reached {
        /** The record at the offset was processed for this key: {@link Outcome#stored()} is the verdict. */
        DECIDED,
        /** Processing passed the offset but the decision is not known here: ask the store. */
        PASSED,
        /** The wait ran out or is no longer wanted: ask the store a last time. */
        NOT_YET
    }

    /** @param stored with {@link Reached#DECIDED}, the key's entry after that record ({@code null}: removed) */
    public record Outcome(Reached reached, DedupEntry stored) {

        static final Outcome PASSED = new Outcome(Reached.PASSED, null);
        static final Outcome NOT_YET = new Outcome(Reached.NOT_YET, null);

        public boolean decided() {
            return reached == Reached.DECIDED;
        }
    }

    private record Woken(Wait waiter, Outcome outcome) {
    }

    /** One verdict waiting for an offset; {@link #reached()} completes exactly once. */
    public final class Wait {
        private final PartitionProgress partition;
        private final long offset;
        private final String key;
        private final boolean progressUnknown;
        private final CompletableFuture<Outcome> reached = new CompletableFuture<>();
        private volatile ScheduledFuture<?> timeout;

        private Wait(PartitionProgress partition, long offset, String key, boolean progressUnknown) {
            this.partition = partition;
            this.offset = offset;
            this.key = key;
            this.progressUnknown = progressUnknown;
        }

        public CompletableFuture<Outcome> reached() {
            return reached;
        }

        /**
         * Nothing was processed on this partition since this instance took it, so the record may already be in
         * the store from before (a restart, a restore): ask the store now rather than wait for the next put.
         */
        public boolean progressUnknown() {
            return progressUnknown;
        }

        /** No longer needed (the store already answered): frees the slot at once. */
        public void cancel() {
            if (partition.remove(this)) {
                finish(Outcome.NOT_YET);
            }
        }

        private void finish(Outcome outcome) {
            ScheduledFuture<?> pendingTimeout = timeout;
            if (pendingTimeout != null) {
                pendingTimeout.cancel(false);
            }
            reached.complete(outcome);
        }
    }

    /**
     * The verdict of {@code key} at {@code mark}: already complete when the offset was processed, else a wait
     * that the put of that offset (or the timeout) completes.
     *
     * @throws LookupOverloadedException when {@code capacity} waits are open
     * @throws StoreNotReadyException when the instance is shutting down
     */
    public Wait await(PositionMark mark, String key, Duration timeout) {
        PartitionProgress partition = partitions.computeIfAbsent(new TopicPartition(mark.topic(), mark.partition()),
                unused -> new PartitionProgress());
        Wait wait;
        synchronized (partition) {
            Outcome known = partition.outcomeAt(mark.offset(), key);
            if (known != null) {
                Wait done = new Wait(partition, mark.offset(), key, false);
                done.reached.complete(known);
                return done;
            }
            if (waiting.incrementAndGet() > capacity) {
                waiting.decrementAndGet();
                throw LookupOverloadedException.verdictsWaiting();
            }
            wait = new Wait(partition, mark.offset(), key, partition.highest < 0);
            partition.waits.computeIfAbsent(wait.offset, offset -> new ArrayList<>(1)).add(wait);
        }
        try {
            wait.timeout = executor.schedule(() -> {
                if (partition.remove(wait)) {
                    wait.finish(Outcome.NOT_YET);
                }
            }, Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            wait.cancel();
            throw new StoreNotReadyException(SHUTTING_DOWN);
        }
        return wait;
    }

    /** Waits open right now. */
    public int waiting() {
        return waiting.get();
    }

    @Override
    public void processed(String topic, int partitionNumber, long offset, String key, DedupEntry stored) {
        PartitionProgress partition = partitions.get(new TopicPartition(topic, partitionNumber));
        if (partition == null) {
            partition = partitions.computeIfAbsent(new TopicPartition(topic, partitionNumber), unused -> new PartitionProgress());
        }
        List<Woken> ready = partition.record(offset, key, stored);
        if (ready.isEmpty()) {
            return;
        }
        woken.addAll(ready);
        // One hand-off at a time: record after record wakes a few waits each, and a task (and a thread wake-up)
        // per record would cost the stream thread more than the waits it serves.
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drainWoken);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                // Shutting down: fail them here rather than throw into the stream thread.
                for (Woken done; (done = woken.poll()) != null; ) {
                    done.waiter.reached.completeExceptionally(new StoreNotReadyException(SHUTTING_DOWN));
                }
            }
        }
    }

    @Override
    public void released(int partitionNumber) {
        partitions.forEach((topicPartition, partition) -> {
            if (topicPartition.partition() == partitionNumber) {
                partition.forgetProgress();
            }
        });
    }

    private void drainWoken() {
        do {
            for (Woken done; (done = woken.poll()) != null; ) {
                done.waiter.finish(done.outcome);
            }
            draining.set(false);
            // a wait queued after the last poll but before the flag dropped would otherwise sit until the next put
        } while (!woken.isEmpty() && draining.compareAndSet(false, true));
    }

    /** One topic partition: its newest processed offset, its remembered decisions and its open waits, under its own lock. */
    private final class PartitionProgress {
        /** Allocated by the first record and dropped when the task closes: a partition only waited on costs nothing. */
        private long[] offsets;
        private String[] keys;
        private DedupEntry[] entries;
        private final NavigableMap<Long, List<Wait>> waits = new TreeMap<>();
        /** -1: nothing processed here since this instance took the partition. */
        private long highest = -1;


        /** Under the lock: the outcome if the offset was already processed, else null (wait for it). */
        private Outcome outcomeAt(long offset, String key) {
            if (offset > highest) {
                return null;
            }
            int slot = slot(offset);
            return offsets[slot] == offset && keys[slot].equals(key) ? new Outcome(Reached.DECIDED, entries[slot]) : Outcome.PASSED;
        }

        synchronized List<Woken> record(long offset, String key, DedupEntry stored) {
            if (offsets == null) {
                offsets = new long[REMEMBERED_PER_PARTITION];
                Arrays.fill(offsets, -1);
                keys = new String[REMEMBERED_PER_PARTITION];
                entries = new DedupEntry[REMEMBERED_PER_PARTITION];
            }
            int slot = slot(offset);
            offsets[slot] = offset;
            keys[slot] = key;
            entries[slot] = stored;
            highest = Math.max(highest, offset);
            if (waits.isEmpty()) {
                return List.of();
            }
            List<Woken> ready = new ArrayList<>();
            NavigableMap<Long, List<Wait>> due = waits.headMap(offset, true);
            due.forEach((waitedFor, atOffset) -> {
                for (Wait wait : atOffset) {
                    Outcome outcome = waitedFor == offset && key.equals(wait.key) ? new Outcome(Reached.DECIDED, stored) : Outcome.PASSED;
                    ready.add(new Woken(wait, outcome));
                }
            });
            due.clear();
            waiting.addAndGet(-ready.size());
            return ready;
        }

        synchronized void forgetProgress() {
            offsets = null;
            keys = null;
            entries = null;
            highest = -1;
        }

        /** True if this call took the wait out (so exactly one of wake-up, timeout and cancel finishes it). */
        synchronized boolean remove(Wait wait) {
            List<Wait> atOffset = waits.get(wait.offset);
            if (atOffset == null || !atOffset.remove(wait)) {
                return false;
            }
            if (atOffset.isEmpty()) {
                waits.remove(wait.offset);
            }
            waiting.decrementAndGet();
            return true;
        }

        private static int slot(long offset) {
            return (int) (offset % REMEMBERED_PER_PARTITION);
        }
    }
}
