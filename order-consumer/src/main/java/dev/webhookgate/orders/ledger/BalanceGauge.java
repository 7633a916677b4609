package dev.webhookgate.orders.ledger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code webhookgate_ledger_balanced}: 1 while debits equal credits per currency (what
 * {@code GET /api/v1/ledger/balance} calls {@code balanced}), 0 when not, NaN while the database does not
 * answer. The sums scan the whole ledger, so one answer is reused for {@link #REUSE} however often
 * Prometheus scrapes.
 */
public final class BalanceGauge {

    static final Duration REUSE = Duration.ofSeconds(30);

    private final LedgerReader reader;
    private final Clock clock;
    private Instant checkedAt = Instant.MIN;
    private double last = Double.NaN;

    private BalanceGauge(LedgerReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    public static void register(MeterRegistry registry, LedgerReader reader, Clock clock) {
        Gauge.builder("webhookgate.ledger.balanced", new BalanceGauge(reader, clock), BalanceGauge::value)
                .description("1 while the ledger's debits equal its credits per currency, 0 when not")
                .strongReference(true)
                .register(registry);
    }

    synchronized double value() {
        Instant now = clock.instant();
        if (now.isBefore(checkedAt.plus(REUSE))) {
            return last;
        }
        try {
            last = reader.balances().balanced() ? 1 : 0;
        } catch (LedgerUnavailableException e) {
            last = Double.NaN; // the outage has its own signals (readiness, orders_ledger_pauses_total)
        }
        checkedAt = now;
        return last;
    }
}
