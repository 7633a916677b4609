package dev.webhookgate.dedup.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.http.ApiException;
import java.time.Duration;
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

    @Test
    void processedOffsetWakesExactlyTheWaitsAtOrBelowIt() throws Exception {
        PositionWatch watch = new PositionWatch(10, executor);
        PositionWatch.Wait at4 = watch.await(new PositionMark("in", 0, 4), LONG);
        PositionWatch.Wait at5 = watch.await(new PositionMark("in", 0, 5), LONG);
        PositionWatch.Wait at6 = watch.await(new PositionMark("in", 0, 6), LONG);
        PositionWatch.Wait otherPartition = watch.await(new PositionMark("in", 1, 5), LONG);
        PositionWatch.Wait otherTopic = watch.await(new PositionMark("commands", 0, 5), LONG);

        watch.processed("in", 0, 5);

        assertThat(at4.reached().get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(at5.reached().get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(at6.reached()).isNotDone();
        assertThat(otherPartition.reached()).isNotDone();
        assertThat(otherTopic.reached()).isNotDone();
        assertThat(watch.waiting()).isEqualTo(3);

        watch.processed("in", 0, 6);
        assertThat(at6.reached().get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.waiting()).isEqualTo(2);
    }

    @Test
    void wakeUpsRunOnTheWatchExecutorNotOnTheStreamThread() throws Exception {
        PositionWatch watch = new PositionWatch(10, executor);
        PositionWatch.Wait wait = watch.await(new PositionMark("in", 0, 1), LONG);
        AtomicReference<String> completedOn = new AtomicReference<>();
        var done = wait.reached().thenRun(() -> completedOn.set(Thread.currentThread().getName()));

        watch.processed("in", 0, 1);

        done.get(10, TimeUnit.SECONDS);
        assertThat(completedOn.get()).isEqualTo("watch-test");
    }

    @Test
    void waitBeyondTheCapIsRefusedWith503AndAFreedSlotIsReusable() throws Exception {
        PositionWatch watch = new PositionWatch(2, executor);
        PositionWatch.Wait first = watch.await(new PositionMark("in", 0, 1), LONG);
        watch.await(new PositionMark("in", 0, 2), LONG);

        assertThatThrownBy(() -> watch.await(new PositionMark("in", 0, 3), LONG))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));

        first.cancel();
        assertThat(first.reached().get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(watch.await(new PositionMark("in", 0, 3), LONG).reached()).isNotDone();
        assertThat(watch.waiting()).isEqualTo(2);
    }

    @Test
    void waitNobodyWakesEndsAtItsTimeoutAndFreesItsSlot() throws Exception {
        PositionWatch watch = new PositionWatch(1, executor);
        PositionWatch.Wait wait = watch.await(new PositionMark("in", 0, 7), Duration.ofMillis(50));

        assertThat(wait.reached().get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(watch.waiting()).isZero();
        // a put landing after the timeout finds nobody and changes nothing
        watch.processed("in", 0, 7);
        assertThat(watch.await(new PositionMark("in", 0, 8), LONG).reached()).isNotDone();
    }
}
