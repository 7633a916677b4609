package dev.webhookgate.orders.ledger;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.contract.WebhookEnvelope;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The read side. Paging is by the tables' insertion sequence: newest first is {@code seq DESC}, and the
 * cursor is the last seq seen, so a page never shifts when new rows arrive.
 */
public final class LedgerReader {

    private final DataSource dataSource;

    private static final String DEAD_NOW = " FROM dead_letters d JOIN processed_events p ON p.event_id = d.event_id"
            + " WHERE p.outcome = 'dead_lettered'";

    public LedgerReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Views.Page<Views.Order> orders(Optional<String> retailer, Optional<Long> before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT seq, event_id, retailer, provider, idempotency_key, natural_id, currency, created_at"
                + " FROM orders WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        retailer.ifPresent(r -> {
            sql.append(" AND retailer = ?");
            args.add(r);
        });
        before.ifPresent(b -> {
            sql.append(" AND seq < ?");
            args.add(b);
        });
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(limit + 1);
        return query(c -> {
            List<Views.Order> found = new ArrayList<>();
            long lastSeq = 0;
            boolean more;
            try (PreparedStatement ps = prepare(c, sql.toString(), args); ResultSet rs = ps.executeQuery()) {
                while (found.size() < limit && rs.next()) {
                    lastSeq = rs.getLong("seq");
                    found.add(new Views.Order(rs.getString("event_id"), rs.getString("retailer"), rs.getString("provider"),
                            rs.getString("idempotency_key"), rs.getString("natural_id"), rs.getString("currency"), List.of(),
                            time(rs, "created_at")));
                }
                more = found.size() == limit && rs.next();
            }
            Map<String, List<Views.Line>> lines = lines(c, found.stream().map(Views.Order::eventId).toList());
            List<Views.Order> orders = found.stream()
                    .map(o -> new Views.Order(o.eventId(), o.retailer(), o.provider(), o.idempotencyKey(), o.naturalId(),
                            o.currency(), lines.getOrDefault(o.eventId(), List.of()), o.createdAt()))
                    .toList();
            return new Views.Page<>(orders, more ? Long.toString(lastSeq) : null);
        });
    }

    public Views.Page<Views.Payment> payments(Optional<Long> before, int limit) {
        String sql = "SELECT seq, event_id, provider, kind, natural_id, amount, currency, order_ref, idempotency_key, created_at"
                + " FROM payments" + (before.isPresent() ? " WHERE seq < ?" : "") + " ORDER BY seq DESC LIMIT ?";
        List<Object> args = new ArrayList<>();
        before.ifPresent(args::add);
        args.add(limit + 1);
        return query(c -> {
            List<Views.Payment> payments = new ArrayList<>();
            long lastSeq = 0;
            try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
                while (payments.size() < limit && rs.next()) {
                    lastSeq = rs.getLong("seq");
                    payments.add(new Views.Payment(rs.getString("event_id"), rs.getString("provider"), rs.getString("kind"),
                            rs.getString("natural_id"), rs.getLong("amount"), rs.getString("currency"), rs.getString("order_ref"),
                            rs.getString("idempotency_key"), time(rs, "created_at")));
                }
                boolean more = payments.size() == limit && rs.next();
                return new Views.Page<>(payments, more ? Long.toString(lastSeq) : null);
            }
        });
    }

    public Views.Balances balances() {
        // summed as DECIMAL: H2 sums BIGINT into BIGINT and fails past Long.MAX_VALUE (PostgreSQL would widen to numeric)
        String sql = "SELECT account, currency, SUM(debit) AS debit, SUM(credit) AS credit FROM ("
                + " SELECT debit_account AS account, currency, CAST(amount AS DECIMAL(38, 0)) AS debit,"
                + " CAST(0 AS DECIMAL(38, 0)) AS credit FROM ledger_postings"
                + " UNION ALL SELECT credit_account AS account, currency, CAST(0 AS DECIMAL(38, 0)) AS debit,"
                + " CAST(amount AS DECIMAL(38, 0)) AS credit FROM ledger_postings"
                + ") movements GROUP BY account, currency ORDER BY currency, account";
        return query(c -> {
            List<Views.Balance> balances = new ArrayList<>();
            Map<String, BigInteger> netByCurrency = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigInteger debit = rs.getBigDecimal("debit").toBigIntegerExact();
                    BigInteger credit = rs.getBigDecimal("credit").toBigIntegerExact();
                    balances.add(new Views.Balance(rs.getString("account"), rs.getString("currency"), debit, credit, debit.subtract(credit)));
                    netByCurrency.merge(rs.getString("currency"), debit.subtract(credit), BigInteger::add);
                }
            }
            return new Views.Balances(balances, netByCurrency.values().stream().allMatch(net -> net.signum() == 0));
        });
    }

    public Optional<Views.Processed> processed(String provider, String idempotencyKey) {
        String sql = "SELECT event_id, outcome, reason, topic, kafka_partition, kafka_offset, received_at, processed_at"
                + " FROM processed_events WHERE provider = ? AND idempotency_key = ? ORDER BY seq DESC LIMIT 1000";
        return query(c -> {
            List<Views.ProcessedEvent> events = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, sql, List.of(provider, idempotencyKey)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Views.ProcessedEvent(rs.getString("event_id"), rs.getString("outcome"), rs.getString("reason"),
                            rs.getString("topic"), rs.getInt("kafka_partition"), rs.getLong("kafka_offset"),
                            time(rs, "received_at"), time(rs, "processed_at")));
                }
            }
            if (events.isEmpty()) {
                return Optional.empty();
            }
            Views.ProcessedEvent latest = events.get(0);
            return Optional.of(new Views.Processed(provider, idempotencyKey, latest.outcome(), latest.reason(), events));
        });
    }

    /** Events whose outcome is {@code dead_lettered} now, newest dead letter first; {@code total} counts all that match. */
    public Views.DeadLetterPage deadLetters(DeadLetterFilter filter, Optional<Long> before, int limit) {
        List<Object> args = new ArrayList<>();
        String where = DEAD_NOW + filter.sql(args);
        List<Object> countArgs = List.copyOf(args);
        String pageWhere = where;
        if (before.isPresent()) {
            pageWhere += " AND d.seq < ?";
            args.add(before.get());
        }
        args.add(limit + 1);
        String sql = "SELECT d.seq, d.event_id, d.provider, d.idempotency_key, d.error, d.failed_at, d.redrives" + pageWhere
                + " ORDER BY d.seq DESC LIMIT ?";
        return query(c -> {
            List<Views.DeadLetter> letters = new ArrayList<>();
            long lastSeq = 0;
            boolean more;
            try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
                while (letters.size() < limit && rs.next()) {
                    lastSeq = rs.getLong("seq");
                    letters.add(new Views.DeadLetter(rs.getString("event_id"), rs.getString("provider"), rs.getString("idempotency_key"),
                            rs.getString("error"), time(rs, "failed_at"), rs.getInt("redrives")));
                }
                more = letters.size() == limit && rs.next();
            }
            long total;
            try (PreparedStatement ps = prepare(c, "SELECT COUNT(*)" + where, countArgs); ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            return new Views.DeadLetterPage(letters, more ? Long.toString(lastSeq) : null, total);
        });
    }

    /** The next {@code limit} dead-lettered event ids after {@code afterSeq}, oldest first, with their seq: a bulk redrive's walk. */
    public List<Map.Entry<Long, String>> deadLetterIds(DeadLetterFilter filter, long afterSeq, int limit) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT d.seq, d.event_id" + DEAD_NOW + filter.sql(args) + " AND d.seq > ? ORDER BY d.seq LIMIT ?";
        args.add(afterSeq);
        args.add(limit);
        return query(c -> {
            List<Map.Entry<Long, String>> ids = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(Map.entry(rs.getLong(1), rs.getString(2)));
                }
            }
            return ids;
        });
    }

    /** An event that is dead-lettered now, as it was consumed; empty for any other event. */
    public Optional<StoredDeadLetter> deadLettered(String eventId) {
        String sql = "SELECT d.envelope, p.topic, p.kafka_partition, p.kafka_offset" + DEAD_NOW + " AND d.event_id = ?";
        return query(c -> {
            try (PreparedStatement ps = prepare(c, sql, List.of(eventId)); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                WebhookEnvelope envelope = ContractJson.envelope(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                return Optional.of(new StoredDeadLetter(envelope, rs.getString(2), rs.getInt(3), rs.getLong(4)));
            }
        });
    }

    /** A dead-lettered event with where it was read from Kafka. */
    public record StoredDeadLetter(WebhookEnvelope envelope, String topic, int partition, long offset) {
    }

    private Map<String, List<Views.Line>> lines(Connection c, List<String> eventIds) throws SQLException {
        Map<String, List<Views.Line>> lines = new HashMap<>();
        if (eventIds.isEmpty()) {
            return lines;
        }
        String sql = "SELECT event_id, sku, quantity, unit_price FROM order_lines WHERE event_id IN ("
                + String.join(", ", eventIds.stream().map(id -> "?").toList()) + ") ORDER BY event_id, line_no";
        try (PreparedStatement ps = prepare(c, sql, new ArrayList<>(eventIds)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long price = rs.getLong("unit_price");
                Long unitPrice = rs.wasNull() ? null : price;
                lines.computeIfAbsent(rs.getString("event_id"), k -> new ArrayList<>())
                        .add(new Views.Line(rs.getString("sku"), rs.getInt("quantity"), unitPrice));
            }
        }
        return lines;
    }

    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T query(Query<T> query) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                return query.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new LedgerUnavailableException("the ledger database did not answer: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<?> args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
        return ps;
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        return UtcMillis.format(rs.getObject(column, OffsetDateTime.class).toInstant());
    }
}
