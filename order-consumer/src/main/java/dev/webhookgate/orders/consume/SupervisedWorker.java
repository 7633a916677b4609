package dev.webhookgate.orders.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one consumer loop running: when a loop dies of an error nobody planned for, a fresh one (with a new
 * Kafka consumer) starts after a backoff and resumes from the committed offsets. That is safe because
 * offsets move only after the ledger commit, and the processed-events rows turn any redelivery into a no-op.
 * Without this, one unexpected exception would leave the process alive, its partitions assigned to a dead
 * thread until the group noticed, and nothing applied until someone restarted it.
 */
public final class SupervisedWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SupervisedWorker.class);

    private final String name;
    private final Supplier<? extends ConsumerWorker> factory;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Counter restarts;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopRequested = lock.newCondition();
    private volatile ConsumerWorker current;
    private volatile boolean stopping;

    public SupervisedWorker(String name, Supplier<? extends ConsumerWorker> factory, Duration firstBackoff, Duration maxBackoff,
                            MeterRegistry registry) {
        this.name = name;
        this.factory = factory;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.restarts = Counter.builder("orders.consumer.restarts")
                .description("consumer loops started again after dying of an unexpected error")
                .register(registry);
    }

    @Override
    public void run() {
        Duration backoff = firstBackoff;
        while (!stopping) {
            long started = System.nanoTime();
            try {
                ConsumerWorker worker = factory.get();
                current = worker;
                if (stopping) {
                    worker.stop(); // stop() came between the check and the assignment
                }
                worker.run();
            } catch (RuntimeException e) {
                // an Error is not caught: it leaves the heap or a lock in doubt, and the thread's death stops the
                // process (FatalErrorGuard in service-runtime) instead of a loop restarting into the same state
                log.error("{} died; starting a new one in {} ms", name, backoff.toMillis(), e);
            }
            if (stopping) {
                return;
            }
            // A loop that ran well for longer than the longest backoff starts the count again.
            backoff = System.nanoTime() - started > maxBackoff.toNanos() ? firstBackoff : backoff;
            restarts.increment();
            if (!sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    /** Healthy only while a loop is running and healthy: a dead loop waiting for its restart is not. */
    public boolean isHealthy() {
        ConsumerWorker worker = current;
        return worker != null && worker.isHealthy();
    }

    /** Null when healthy; else what is not, naming this worker. */
    public String problem() {
        ConsumerWorker worker = current;
        if (stopping) {
            return name + " is stopping";
        }
        return worker == null ? name + " is starting" : worker.problem();
    }

    public boolean isPaused() {
        ConsumerWorker worker = current;
        return worker != null && worker.isPaused();
    }

    public void stop() {
        stopping = true;
        ConsumerWorker worker = current;
        if (worker != null) {
            worker.stop();
        }
        lock.lock();
        try {
            stopRequested.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** False when stop() came first. */
    private boolean sleep(Duration backoff) {
        long left = backoff.toNanos();
        lock.lock();
        try {
            while (!stopping && left > 0) {
                left = stopRequested.awaitNanos(left);
            }
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
