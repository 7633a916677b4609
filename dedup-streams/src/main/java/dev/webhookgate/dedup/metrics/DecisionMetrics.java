package dev.webhookgate.dedup.metrics;

import dev.webhookgate.contract.verdict.DeliveryOutcome;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.IdempotencySettings;
import dev.webhookgate.dedup.topology.DecisionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The stream thread's meters: decisions by verdict, and the two TTL-safety signals (how late duplicates
 * come after their first delivery; deliveries that came back just after their key expired), from which
 * operators see retries closing in on the TTL and raise it. Every meter is built once here: a registry
 * lookup per record would cost more than the decision itself.
 */
public final class DecisionMetrics implements DecisionListener {

    /** Prometheus: {@code webhookgate_dedup_duplicate_gap_seconds{provider}} (a histogram). */
    public static final String DUPLICATE_GAP = "webhookgate.dedup.duplicate.gap";
    /** Prometheus: {@code webhookgate_dedup_expired_redeliveries_total{provider}}. */
    public static final String EXPIRED_REDELIVERIES = "webhookgate.dedup.expired.redeliveries";

    private static final double[] TTL_FRACTIONS = {0.25, 0.5, 0.75, 0.9, 1.0};
    private static final Duration[] FIXED_BUCKETS = {
            Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofHours(6)};

    private final Map<Provider, Map<DeliveryOutcome, Counter>> decisions = new EnumMap<>(Provider.class);
    private final Map<Provider, Timer> gaps = new EnumMap<>(Provider.class);
    private final Map<Provider, Counter> expired = new EnumMap<>(Provider.class);

    public DecisionMetrics(MeterRegistry registry, IdempotencySettings settings) {
        for (Provider provider : Provider.values()) {
            Map<DeliveryOutcome, Counter> byOutcome = new EnumMap<>(DeliveryOutcome.class);
            for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
                byOutcome.put(outcome, Counter.builder("webhookgate.dedup.decisions")
                        .description("Inbound deliveries decided, by provider and verdict (replays not counted)")
                        .tags("provider", provider.id(), "verdict", outcome.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            decisions.put(provider, byOutcome);
            gaps.put(provider, Timer.builder(DUPLICATE_GAP)
                    .description("Time from a key's first delivery to each duplicate of it (record time); buckets near the"
                            + " provider's TTL show retries coming close to it")
                    .tag("provider", provider.id())
                    .serviceLevelObjectives(buckets(settings.ttlFor(provider)))
                    .register(registry));
            expired.put(provider, Counter.builder(EXPIRED_REDELIVERIES)
                    .description("Deliveries processed anew because their key had expired less than one TTL earlier:"
                            + " likely provider retries that outlived the TTL")
                    .tag("provider", provider.id())
                    .register(registry));
        }
    }

    /** Fixed steps up to hours, then fractions of the provider's TTL, so "close to the TTL" is a bucket of its own. */
    static Duration[] buckets(Duration ttl) {
        TreeSet<Duration> all = new TreeSet<>();
        for (Duration fixed : FIXED_BUCKETS) {
            if (fixed.compareTo(ttl) < 0) {
                all.add(fixed);
            }
        }
        for (double fraction : TTL_FRACTIONS) {
            all.add(Duration.ofMillis(Math.max(1, (long) (ttl.toMillis() * fraction))));
        }
        return all.toArray(Duration[]::new);
    }

    @Override
    public void decided(Provider provider, DeliveryOutcome outcome) {
        decisions.get(provider).get(outcome).increment();
    }

    @Override
    public void duplicateGap(Provider provider, long gapMillis) {
        gaps.get(provider).record(gapMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void expiredRedelivery(Provider provider) {
        expired.get(provider).increment();
    }
}
