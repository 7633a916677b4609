package dev.webhookgate.dedup.query;

import dev.webhookgate.dedup.topology.ProgressListener;
import dev.webhookgate.http.ApiException;
import java.time.Duration;
import java.util.ArrayList;
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
 * Verdicts waiting for the key store to reach an offset, woken by the processors as their puts land
 * instead of re-polling the store. A wake-up only says "ask the store again": the answer still comes
 * from the IQv2 query with its position bound, so a wrong or early wake-up costs a query, never a
 * wrong verdict.
 *
 * <p>Bounded: at most {@code capacity} waits at a time (beyond that {@link #await} fails with 503),
 * and the map holds only partitions that have someone waiting. Every wait ends by its timeout at the
 * latest, so waits on a partition that moved to another instance, where no put will wake them, end
 * there. Waiters are completed on {@code executor}, never on the stream thread: what runs next is a
 * store query and an HTTP response.
 */
public final class PositionWatch implements ProgressListener {

    private final int capacity;
    private final ScheduledExecutorService executor;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<TopicPartition, NavigableMap<Long, List<Wait>>> byPartition = new ConcurrentHashMap<>();
    /** Woken waits not yet finished; holds only waits taken out of byPartition, so it is bounded by the same cap. */
    private final Queue<Wait> woken = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    public PositionWatch(int capacity, ScheduledExecutorService executor) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.executor = executor;
    }

    /** One registered wait; {@link #reached()} completes {@code true} once woken, {@code false} at its timeout. */
    public final class Wait {
        private final TopicPartition partition;
        private final long offset;
        private final CompletableFuture<Boolean> reached = new CompletableFuture<>();
        private volatile ScheduledFuture<?> timeout;

        private Wait(TopicPartition partition, long offset) {
            this.partition = partition;
            this.offset = offset;
        }

        public CompletableFuture<Boolean> reached() {
            return reached;
        }

        /** No longer needed (the query already succeeded): frees the slot at once. */
        public void cancel() {
            if (remove(this)) {
                finish(false);
            }
        }

        private void finish(boolean woken) {
            ScheduledFuture<?> pendingTimeout = timeout;
            if (pendingTimeout != null) {
                pendingTimeout.cancel(false);
            }
            reached.complete(woken);
        }
    }

    /**
     * Registers a wait for {@code mark}; register before querying the store, so that a put landing between
     * the query and the registration cannot be missed. Fails with 503 when {@code capacity} waits are open.
     */
    public Wait await(PositionMark mark, Duration timeout) {
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            throw ApiException.unavailable("Too many verdicts are waiting for the dedup store.");
        }
        Wait wait = new Wait(new TopicPartition(mark.topic(), mark.partition()), mark.offset());
        byPartition.compute(wait.partition, (partition, waits) -> {
            NavigableMap<Long, List<Wait>> open = waits == null ? new TreeMap<>() : waits;
            open.computeIfAbsent(wait.offset, offset -> new ArrayList<>(1)).add(wait);
            return open;
        });
        try {
            wait.timeout = executor.schedule(() -> {
                if (remove(wait)) {
                    wait.finish(false);
                }
            }, Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            wait.cancel();
            throw ApiException.unavailable("The dedup instance is shutting down.");
        }
        return wait;
    }

    /** Waits open right now. */
    public int waiting() {
        return waiting.get();
    }

    @Override
    public void processed(String topic, int partition, long offset) {
        if (waiting.get() == 0) {
            return; // the common case under no verdict load: one volatile read per record
        }
        List<Wait> ready = new ArrayList<>();
        byPartition.computeIfPresent(new TopicPartition(topic, partition), (key, waits) -> {
            NavigableMap<Long, List<Wait>> due = waits.headMap(offset, true);
            due.values().forEach(ready::addAll);
            due.clear();
            return waits.isEmpty() ? null : waits;
        });
        if (ready.isEmpty()) {
            return;
        }
        waiting.addAndGet(-ready.size());
        woken.addAll(ready);
        // One hand-off at a time: a record after record wakes a few waits each, and a task (and a thread
        // wake-up) per record would cost the stream thread more than the waits it serves.
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drainWoken);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                // Shutting down: fail them here rather than throw into the stream thread.
                for (Wait wait; (wait = woken.poll()) != null; ) {
                    wait.reached.completeExceptionally(ApiException.unavailable("The dedup instance is shutting down."));
                }
            }
        }
    }

    private void drainWoken() {
        do {
            for (Wait wait; (wait = woken.poll()) != null; ) {
                wait.finish(true);
            }
            draining.set(false);
            // a wait queued after the last poll but before the flag dropped would otherwise sit until the next put
        } while (!woken.isEmpty() && draining.compareAndSet(false, true));
    }

    /** True if this call took the wait out (so exactly one of wake-up, timeout and cancel finishes it). */
    private boolean remove(Wait wait) {
        boolean[] removed = {false};
        byPartition.computeIfPresent(wait.partition, (key, waits) -> {
            List<Wait> atOffset = waits.get(wait.offset);
            if (atOffset != null && atOffset.remove(wait)) {
                removed[0] = true;
                if (atOffset.isEmpty()) {
                    waits.remove(wait.offset);
                }
            }
            return waits.isEmpty() ? null : waits;
        });
        if (removed[0]) {
            waiting.decrementAndGet();
        }
        return removed[0];
    }
}
