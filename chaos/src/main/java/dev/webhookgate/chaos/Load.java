package dev.webhookgate.chaos;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Provider-style traffic: new keys at a steady rate, each delivered the way webhook senders do it.
 * Of the keys, 1 % come again with another body (must be 422), 2 % are bad input (must be 400 and change
 * nothing); of the rest, a fifth are sent twice at once and most are sent again some seconds later. Every
 * delivery without an answer or with a 5xx is retried with a growing pause, as providers do, up to
 * {@link #ATTEMPTS} tries; a share of the keys gives up after its first 503 instead.
 */
final class Load implements AutoCloseable {

    static final int ATTEMPTS = 8;

    private final WebhookClient client;
    private final Observations observations;
    private final String prefix;
    private final double giveUpOn503Share;
    private final Random random = new Random(42);
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, WebhookClient.daemon("chaos-load-timer"));
    /** Apart from {@code timer}: retries go on after {@link #stopAdding()}, which ends only the stream of new keys. */
    private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2, WebhookClient.daemon("chaos-load-retry"));
    private final ExecutorService senders = Executors.newFixedThreadPool(48, WebhookClient.daemon("chaos-load-send"));
    private final AtomicInteger inFlight = new AtomicInteger();
    private int next;

    Load(WebhookClient client, Observations observations, String prefix, double giveUpOn503Share) {
        this.client = client;
        this.observations = observations;
        this.prefix = prefix;
        this.giveUpOn503Share = giveUpOn503Share;
    }

    /** Starts {@code keysPerSecond} new keys every second until {@link #stopAdding()}. */
    void start(int keysPerSecond) {
        long periodMicros = 1_000_000L / keysPerSecond;
        timer.scheduleAtFixedRate(this::newKey, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    void stopAdding() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until every delivery, retries included, has its final answer (or gave up). */
    void awaitQuiet(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Pause.millis(200);
        }
        if (inFlight.get() > 0) {
            throw new IllegalStateException(inFlight.get() + " deliveries still retrying after " + within);
        }
    }

    private synchronized void newKey() {
        int n = next++;
        String key = prefix + "-" + n;
        double roll = random.nextDouble();
        boolean impatient = random.nextDouble() < giveUpOn503Share;
        String body = Bodies.valid(key, n);
        if (roll < 0.02) {
            observations.planned(key, Observations.Kind.BAD_INPUT);
            // half a body that is not JSON under a good key, half a good body under a key of bad format
            boolean badBody = n % 2 == 0;
            deliver(badBody ? key : key + " !bad", key, 0, badBody ? Bodies.notJson(n) : body, 0, false);
        } else if (roll < 0.03) {
            observations.planned(key, Observations.Kind.CONFLICT);
            deliver(key, key, 0, body, 0, impatient, () -> later(1000, () -> deliver(key, key, 0, Bodies.other(key, n), 0, impatient)));
        } else {
            observations.planned(key, Observations.Kind.VALID);
            deliver(key, key, 0, body, 0, impatient);
            if (roll < 0.23) {
                deliver(key, key, 0, body, 0, impatient);
            }
            if (roll < 0.83) {
                later(1000 + random.nextInt(4000), () -> deliver(key, key, 0, body, 0, impatient));
            }
        }
    }

    private void later(long millis, Runnable action) {
        inFlight.incrementAndGet();
        try {
            retries.schedule(() -> {
                try {
                    action.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            }, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet(); // the load was closed: the scenario is over
        }
    }

    void deliver(String header, String key, int epoch, String body, int attempt, boolean giveUpOn503) {
        deliver(header, key, epoch, body, attempt, giveUpOn503, () -> { });
    }

    /** One try now (on a sender thread); {@code then} runs once the delivery has its final answer. */
    void deliver(String header, String key, int epoch, String body, int attempt, boolean giveUpOn503, Runnable then) {
        inFlight.incrementAndGet();
        Runnable attemptNow = () -> {
            try {
                Answer answer = client.post(header, key, epoch, body);
                observations.record(answer);
                if (answer.retryable() && answer.status() == 503 && giveUpOn503) {
                    observations.gaveUpAfter503(key);
                    then.run();
                } else if (answer.retryable() && attempt + 1 < ATTEMPTS) {
                    long pause = Math.min(8_000, 500L << attempt) + ThreadLocalRandom.current().nextInt(250);
                    later(pause, () -> deliver(header, key, epoch, body, attempt + 1, giveUpOn503, then));
                } else {
                    then.run();
                }
            } finally {
                inFlight.decrementAndGet();
            }
        };
        try {
            senders.execute(attemptNow);
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        retries.shutdownNow();
        senders.shutdownNow();
    }
}
