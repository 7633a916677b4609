package dev.webhookgate.orders.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which dead letters a list or a bulk redrive means: optionally one provider, optionally failed at or after a time. */
public record DeadLetterFilter(Optional<String> provider, Optional<Instant> since) {

    public static final DeadLetterFilter ALL = new DeadLetterFilter(Optional.empty(), Optional.empty());

    /** The filter as SQL conditions on {@code dead_letters d}, each starting with AND; arguments appended to {@code args}. */
    String sql(List<Object> args) {
        StringBuilder sql = new StringBuilder();
        provider.ifPresent(p -> {
            sql.append(" AND d.provider = ?");
            args.add(p);
        });
        since.ifPresent(s -> {
            sql.append(" AND d.failed_at >= ?");
            args.add(s.atOffset(java.time.ZoneOffset.UTC));
        });
        return sql.toString();
    }
}
