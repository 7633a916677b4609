package dev.webhookgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KafkaMetersTest {

    /** Does what Micrometer's Kafka binders do with the scheduler they are given: look for new meters on it. */
    private static final class RefreshingBinder implements MeterBinder, AutoCloseable {
        final ScheduledExecutorService scheduler;
        final Duration every;
        final AtomicInteger refreshes = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        RefreshingBinder(ScheduledExecutorService scheduler, Duration every) {
            this.scheduler = scheduler;
            this.every = every;
        }

        @Override
        public void bindTo(MeterRegistry registry) {
            Gauge.builder("kafka.test", refreshes, AtomicInteger::get).register(registry);
            scheduler.scheduleAtFixedRate(refreshes::incrementAndGet, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void theBinderRefreshesAtTheGivenIntervalAndCloseStopsItsThread() {
        MeterRegistry registry = new SimpleMeterRegistry();
        RefreshingBinder[] made = new RefreshingBinder[1];
        KafkaMeters meters = KafkaMeters.bind("c-1", Duration.ofMillis(20), registry, (scheduler, every) -> made[0] = new RefreshingBinder(scheduler, every));

        assertThat(made[0].every).isEqualTo(Duration.ofMillis(20));
        assertThat(registry.find("kafka.test").gauge()).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> made[0].refreshes.get() >= 2);
        assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> assertThat(t.getName()).isEqualTo("kafka-meters-c-1"));

        meters.close();

        assertThat(made[0].closed).isTrue();
        assertThat(made[0].scheduler.isShutdown()).as("Micrometer leaves a scheduler it was handed running").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("kafka-meters-c-1") && t.isAlive()));
    }
}
