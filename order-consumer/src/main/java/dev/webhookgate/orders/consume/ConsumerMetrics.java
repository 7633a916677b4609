package dev.webhookgate.orders.consume;

import dev.webhookgate.orders.ledger.BatchResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** What an operator watches: events by outcome, redeliveries that changed nothing, batch latency, DB pauses. */
final class ConsumerMetrics {

    private final Counter applied;
    private final Counter ignored;
    private final Counter deadLettered;
    private final Counter redelivered;
    private final Counter pauses;
    private final Timer batches;

    ConsumerMetrics(MeterRegistry registry) {
        this.applied = outcome(registry, "applied");
        this.ignored = outcome(registry, "ignored");
        this.deadLettered = outcome(registry, "dead_lettered");
        this.redelivered = Counter.builder("orders.events.redelivered")
                .description("events consumed again after a crash or outage; their rows existed, nothing changed").register(registry);
        this.pauses = Counter.builder("orders.ledger.pauses").description("times the partitions were paused because the ledger was down")
                .register(registry);
        this.batches = Timer.builder("orders.batch").description("one consumed batch: dead letters, DB transaction, offset commit")
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("orders.events").tag("outcome", outcome).description("events decided, by outcome").register(registry);
    }

    void record(BatchResult result, Duration took) {
        applied.increment(result.applied());
        ignored.increment(result.ignored());
        deadLettered.increment(result.deadLettered());
        redelivered.increment(result.redelivered());
        batches.record(took);
    }

    void paused() {
        pauses.increment();
    }
}
