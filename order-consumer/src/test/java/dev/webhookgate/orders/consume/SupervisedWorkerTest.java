package dev.webhookgate.orders.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The restart policy on its own, with stand-in loops: what lives in Kafka and the database (committed
 * offsets, processed-events rows) is what makes a restarted loop safe, and the consumer tests cover that.
 */
class SupervisedWorkerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Runs until stopped, or dies at once when told to. */
    private static final class StandIn implements ConsumerWorker {
        private final boolean dies;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile boolean running;

        StandIn(boolean dies) {
            this.dies = dies;
        }

        @Override
        public void run() {
            if (dies) {
                throw new IllegalStateException("an error nobody planned for");
            }
            running = true;
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running = false;
            }
        }

        @Override
        public boolean isHealthy() {
            return running;
        }

        @Override
        public boolean isPaused() {
            return false;
        }

        @Override
        public void stop() {
            stopped.countDown();
        }
    }

    @Test
    void loopThatDiesIsReplacedByAFreshOneAfterTheBackoff() throws Exception {
        Deque<StandIn> next = new ArrayDeque<>();
        next.add(new StandIn(true));
        next.add(new StandIn(true));
        StandIn survivor = new StandIn(false);
        next.add(survivor);
        AtomicInteger built = new AtomicInteger();
        SupervisedWorker worker = new SupervisedWorker("test-loop", () -> {
            built.incrementAndGet();
            return next.poll();
        }, Duration.ofMillis(50), Duration.ofSeconds(1), registry);
        Thread thread = new Thread(worker);
        thread.start();

        await().atMost(Duration.ofSeconds(10)).until(worker::isHealthy);
        assertThat(built).hasValue(3);
        assertThat(registry.get("orders.consumer.restarts").counter().count()).isEqualTo(2.0);

        worker.stop();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).isFalse();
        assertThat(worker.isHealthy()).isFalse();
    }

    @Test
    void stopDuringTheBackoffEndsAtOnceWithoutStartingAnotherLoop() throws Exception {
        AtomicInteger built = new AtomicInteger();
        SupervisedWorker worker = new SupervisedWorker("test-loop", () -> {
            built.incrementAndGet();
            return new StandIn(true);
        }, Duration.ofMinutes(10), Duration.ofMinutes(10), registry);
        Thread thread = new Thread(worker);
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("orders.consumer.restarts").counter().count() == 1.0);
        assertThat(worker.isHealthy()).isFalse();

        long before = System.nanoTime();
        worker.stop();
        thread.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(thread.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        assertThat(built).hasValue(1);
    }

    @Test
    void aLoopThatCannotEvenBeBuiltIsRetriedToo() {
        AtomicInteger attempts = new AtomicInteger();
        StandIn survivor = new StandIn(false);
        SupervisedWorker worker = new SupervisedWorker("test-loop", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the broker's address did not resolve");
            }
            return survivor;
        }, Duration.ofMillis(20), Duration.ofSeconds(1), registry);
        Thread thread = new Thread(worker);
        thread.start();

        await().atMost(Duration.ofSeconds(10)).until(worker::isHealthy);
        worker.stop();
        assertThat(attempts).hasValue(2);
    }
}
