package dev.webhookgate.dedup.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.dedup.http.DedupErrors;
import dev.webhookgate.dedup.lookup.PositionWatch.Outcome;
import dev.webhookgate.dedup.lookup.PositionWatch.Reached;
import dev.webhookgate.dedup.topology.DedupEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PositionWatchTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "watch-test"));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static DedupEntry entry(String eventId, long offset) {
        Instant at = Instant.parse("2026-11-29T10:00:00.123Z");
        return new DedupEntry(eventId, at, "sha256:ab", 0, offset, 0, at, offset);
    }

    private static Outcome outcome(PositionWatch.Wait wait) throws Exception {
        return wait.reached().get(10, TimeUnit.SECONDS);
    }

    @Test
    void putOfAnOffsetDecidesItsOwnWaitAndPassesTheEarlierOnes() throws Exception {
        PositionWatch watch = new PositionWatch(10, executor);
        PositionWatch.Wait at4 = watch.await(new PositionMark("in", 0, 4), "k4", LONG);
        PositionWatch.Wait at5 = watch.await(new PositionMark("in", 0, 5), "k5", LONG);
        PositionWatch.Wait at5OtherKey = watch.await(new PositionMark("in", 0, 5), "not-k5", LONG);
        PositionWatch.Wait at6 = watch.await(new PositionMark("in", 0, 6), "k6", LONG);
        PositionWatch.Wait otherPartition = watch.await(new PositionMark("in", 1, 5), "k5", LONG);
        PositionWatch.Wait otherTopic = watch.await(new PositionMark("commands", 0, 5), "k5", LONG);
        DedupEntry stored = entry("first-of-k5", 2);

        watch.processed("in", 0, 5, "k5", stored);

        // offset 4 was never reported (a skipped record): only the store can say what it holds
        assertThat(outcome(at4).reached()).isEqualTo(Reached.PASSED);
        assertThat(outcome(at5)).isEqualTo(new Outcome(Reached.DECIDED, stored));
        assertThat(outcome(at5OtherKey).reached()).isEqualTo(Reached.PASSED);
        assertThat(at6.reached()).isNotDone();
        assertThat(otherPartition.reached()).isNotDone();
        assertThat(otherTopic.reached()).isNotDone();
        assertThat(watch.waiting()).isEqualTo(3);

        watch.processed("in", 0, 6, "k6", entry("e6", 6));
        assertThat(outcome(at6).stored().eventId()).isEqualTo("e6");
        assertThat(watch.waiting()).isEqualTo(2);
    }

    @Test
    void offsetAlreadyProcessedIsAnsweredAtOnceFromMemoryWithoutWaiting() {
        PositionWatch watch = new PositionWatch(1, executor);
        DedupEntry stored = entry("e9", 9);
        watch.processed("in", 0, 9, "k9", stored);

        PositionWatch.Wait same = watch.await(new PositionMark("in", 0, 9), "k9", LONG);
        PositionWatch.Wait otherKey = watch.await(new PositionMark("in", 0, 9), "k-other", LONG);
        PositionWatch.Wait earlier = watch.await(new PositionMark("in", 0, 3), "k3", LONG);

        assertThat(same.reached()).isCompletedWithValue(new Outcome(Reached.DECIDED, stored));
        assertThat(otherKey.reached()).isCompletedWithValue(new Outcome(Reached.PASSED, null));
        assertThat(earlier.reached()).isCompletedWithValue(new Outcome(Reached.PASSED, null));
        assertThat(watch.waiting()).isZero();
    }

    @Test
    void decisionsOlderThanTheMemoryAreLeftToTheStore() {
        PositionWatch watch = new PositionWatch(1, executor);
        for (long offset = 0; offset <= PositionWatch.REMEMBERED_PER_PARTITION; offset++) {
            watch.processed("in", 0, offset, "k" + offset, entry("e" + offset, offset));
        }

        assertThat(watch.await(new PositionMark("in", 0, 0), "k0", LONG).reached())
                .isCompletedWithValue(new Outcome(Reached.PASSED, null));
        assertThat(watch.await(new PositionMark("in", 0, 1), "k1", LONG).reached().join().stored().eventId()).isEqualTo("e1");
    }

    @Test
    void aForgetDecidesItsWaitWithNoEntry() throws Exception {
        PositionWatch watch = new PositionWatch(1, executor);
        PositionWatch.Wait forget = watch.await(new PositionMark("commands", 2, 0), "k", LONG);

        watch.processed("commands", 2, 0, "k", null);

        assertThat(outcome(forget)).isEqualTo(new Outcome(Reached.DECIDED, null));
    }

    @Test
    void releasedPartitionForgetsItsProgressButKeepsItsWaits() throws Exception {
        PositionWatch watch = new PositionWatch(10, executor);
        watch.processed("in", 0, 5, "k5", entry("e5", 5));
        PositionWatch.Wait pending = watch.await(new PositionMark("in", 0, 6), "k6", LONG);
        assertThat(pending.progressUnknown()).isFalse();

        watch.released(0);

        PositionWatch.Wait again = watch.await(new PositionMark("in", 0, 5), "k5", LONG);
        assertThat(again.reached()).isNotDone();
        assertThat(again.progressUnknown()).isTrue();
        watch.processed("in", 0, 6, "k6", entry("e6", 6));
        assertThat(outcome(pending).stored().eventId()).isEqualTo("e6");
        assertThat(outcome(again).reached()).isEqualTo(Reached.PASSED);
    }

    @Test
    void wakeUpsRunOnTheWatchExecutorNotOnTheStreamThread() throws Exception {
        PositionWatch watch = new PositionWatch(10, executor);
        PositionWatch.Wait wait = watch.await(new PositionMark("in", 0, 1), "k1", LONG);
        AtomicReference<String> completedOn = new AtomicReference<>();
        var done = wait.reached().thenRun(() -> completedOn.set(Thread.currentThread().getName()));

        watch.processed("in", 0, 1, "k1", entry("e1", 1));

        done.get(10, TimeUnit.SECONDS);
        assertThat(completedOn.get()).isEqualTo("watch-test");
    }

    @Test
    void waitBeyondTheCapIsRefusedWith503AndAFreedSlotIsReusable() throws Exception {
        PositionWatch watch = new PositionWatch(2, executor);
        PositionWatch.Wait first = watch.await(new PositionMark("in", 0, 1), "k1", LONG);
        watch.await(new PositionMark("in", 0, 2), "k2", LONG);

        assertThatThrownBy(() -> watch.await(new PositionMark("in", 0, 3), "k3", LONG))
                .isInstanceOf(LookupOverloadedException.class)
                .satisfies(e -> assertThat(DedupErrors.MAPPING.resolve(e)).hasValueSatisfying(api -> assertThat(api.status()).isEqualTo(503)));

        first.cancel();
        assertThat(outcome(first).reached()).isEqualTo(Reached.NOT_YET);
        assertThat(watch.await(new PositionMark("in", 0, 3), "k3", LONG).reached()).isNotDone();
        assertThat(watch.waiting()).isEqualTo(2);
    }

    @Test
    void waitNobodyWakesEndsAtItsTimeoutAndFreesItsSlot() throws Exception {
        PositionWatch watch = new PositionWatch(1, executor);
        PositionWatch.Wait wait = watch.await(new PositionMark("in", 0, 7), "k7", Duration.ofMillis(50));

        assertThat(outcome(wait).reached()).isEqualTo(Reached.NOT_YET);
        assertThat(watch.waiting()).isZero();
        // a put landing after the timeout finds nobody and changes nothing
        watch.processed("in", 0, 7, "k7", entry("e7", 7));
        assertThat(watch.await(new PositionMark("in", 0, 8), "k8", LONG).reached()).isNotDone();
    }
}
