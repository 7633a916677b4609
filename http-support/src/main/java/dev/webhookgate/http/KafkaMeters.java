package dev.webhookgate.http;

import dev.webhookgate.runtime.config.Env;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;

/**
 * A Kafka client's own metrics (a partition's lag, Streams' thread and task metrics) bound to a service's registry.
 * Kafka creates many of them late (a partition's lag once it is assigned, a task's once it runs), and Micrometer
 * looks for new ones only every {@code KAFKA_METRICS_REFRESH_MS}, so that is how long a new partition can be
 * missing from /metrics. Each binding owns its refresh thread: Micrometer does not stop a scheduler it was
 * handed, so {@link #close()} does.
 */
public final class KafkaMeters implements AutoCloseable {

    public static final String REFRESH_VARIABLE = "KAFKA_METRICS_REFRESH_MS";
    /** Micrometer's own default; a shorter one costs a walk over every Kafka metric that often, idle or not. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);

    private final AutoCloseable binder;
    private final ScheduledExecutorService refresher;

    private KafkaMeters(AutoCloseable binder, ScheduledExecutorService refresher) {
        this.binder = binder;
        this.refresher = refresher;
    }

    public static Duration refresh(Env env) {
        return Duration.ofMillis(env.intInRange(REFRESH_VARIABLE, (int) DEFAULT_REFRESH.toMillis(), 1_000, 3_600_000));
    }

    /**
     * @param client  names the refresh thread ({@code kafka-meters-<client>})
     * @param binding builds Micrometer's binder on the given scheduler and refresh, such as
     *                {@code (scheduler, every) -> new KafkaClientMetrics(consumer, List.of(), scheduler, every)}
     */
    public static <B extends MeterBinder & AutoCloseable> KafkaMeters bind(String client, Duration refresh, MeterRegistry registry,
                                                                           BiFunction<ScheduledExecutorService, Duration, B> binding) {
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-meters-" + client);
            thread.setDaemon(true);
            return thread;
        });
        B binder = binding.apply(refresher, refresh);
        binder.bindTo(registry);
        return new KafkaMeters(binder, refresher);
    }

    /** Removes the meters and stops the refresh thread. */
    @Override
    public void close() {
        try {
            binder.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the Kafka meters failed", e);
        } finally {
            refresher.shutdownNow();
        }
    }
}
