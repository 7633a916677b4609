package dev.webhookgate.orders.ledger;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.orders.mapping.Effect;
import dev.webhookgate.orders.mapping.OrderLine;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes a batch of decided events in ONE transaction. Idempotency is per event: the processed-events
 * row is inserted with {@code ON CONFLICT DO NOTHING} and an update count of 0 means "seen before, change
 * nothing". The same trick guards natural ids. {@code ON CONFLICT} rather than catching the unique
 * violation, because PostgreSQL aborts the whole transaction on a violation while H2 goes on.
 */
public final class LedgerWriter {

    private static final String INSERT_PROCESSED = "INSERT INTO processed_events (event_id, provider, idempotency_key, outcome, reason,"
            + " topic, kafka_partition, kafka_offset, received_at, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_ORDER = "INSERT INTO orders (event_id, provider, natural_id, retailer, currency, idempotency_key,"
            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_LINE = "INSERT INTO order_lines (event_id, line_no, sku, quantity, unit_price) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_PAYMENT = "INSERT INTO payments (event_id, provider, kind, natural_id, amount, currency, order_ref,"
            + " idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_POSTING = "INSERT INTO ledger_postings (event_id, debit_account, credit_account, amount, currency,"
            + " posted_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_DEAD_LETTER = "INSERT INTO dead_letters (event_id, provider, idempotency_key, envelope, error,"
            + " failed_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String CLAIM_DEAD_LETTER = "UPDATE processed_events SET outcome = ?, reason = ?, processed_at = ?"
            + " WHERE event_id = ? AND outcome = 'dead_lettered'";
    private static final String COUNT_REDRIVE = "UPDATE dead_letters SET redrives = redrives + 1, redriven_at = ? WHERE event_id = ?";
    private static final String KEEP_DEAD_REASON = "UPDATE processed_events SET reason = ? WHERE event_id = ? AND outcome = 'dead_lettered'";
    private static final String KEEP_DEAD_ERROR = "UPDATE dead_letters SET error = ?, failed_at = ?, redrives = redrives + 1, redriven_at = ?"
            + " WHERE event_id = ?";
    private static final String MARK_IGNORED = "UPDATE processed_events SET outcome = ?, reason = ? WHERE event_id = ?";
    private static final int MAX_REASON = 2000;

    private final DataSource dataSource;
    private final Clock clock;

    public LedgerWriter(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public BatchResult write(List<DecidedEvent> events) {
        return transaction("take a batch of " + events.size() + " events", c -> writeIn(c, events, now()));
    }

    /** Data exceptions and constraint violations; a batch failure carries the row's own error as its next exception. */
    private static boolean refusal(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            String state = cause.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** Which of these events already have their row: their dead letters were written before that row, so never again. */
    public Set<String> alreadyProcessed(Collection<String> eventIds) {
        Set<String> found = new HashSet<>();
        if (eventIds.isEmpty()) {
            return found;
        }
        String sql = "SELECT event_id FROM processed_events WHERE event_id IN (" + String.join(", ", eventIds.stream().map(id -> "?").toList()) + ")";
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            for (String id : eventIds) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            connection.commit();
            return found;
        } catch (SQLException e) {
            throw new LedgerUnavailableException("the ledger database did not answer which events are processed: " + e.getMessage(), e);
        }
    }

    /** True when a connection can be had and answers; used to decide when paused partitions resume. */
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static BatchResult writeIn(Connection c, List<DecidedEvent> events, OffsetDateTime now) throws SQLException {
        List<DecidedEvent> fresh = insertProcessed(c, events, now);
        insertDeadLetters(c, fresh.stream().filter(e -> e.intendedOutcome() == Outcome.DEAD_LETTERED).toList(), now);
        return book(c, fresh, now).plus(new BatchResult(0, 0, 0, events.size() - fresh.size()));
    }

    /** The business rows of events whose processed-events row this transaction holds, and their final outcome. */
    private static BatchResult book(Connection c, List<DecidedEvent> fresh, OffsetDateTime now) throws SQLException {
        Map<String, String> alreadyBooked = new LinkedHashMap<>();
        List<DecidedEvent> orders = fresh.stream().filter(e -> e.effect() instanceof Effect.PlaceOrder).toList();
        List<DecidedEvent> payments = fresh.stream().filter(e -> e.effect() instanceof Effect.BookPayment).toList();
        List<DecidedEvent> placed = insertOrders(c, orders, now, alreadyBooked);
        List<DecidedEvent> booked = insertPayments(c, payments, now, alreadyBooked);
        markIgnored(c, alreadyBooked);
        insertLines(c, placed);
        insertPostings(c, booked, now);
        int ignored = alreadyBooked.size();
        int deadLettered = 0;
        for (DecidedEvent e : fresh) {
            switch (e.intendedOutcome()) {
                case IGNORED -> ignored++;
                case DEAD_LETTERED -> deadLettered++;
                case APPLIED -> { }
            }
        }
        return new BatchResult(placed.size() + booked.size(), ignored, deadLettered, 0);
    }

    /**
     * A redrive that today's mapping accepts: in ONE transaction the outcome moves from {@code dead_lettered} to
     * what the event now is and its business rows are booked. The conditional update is the claim: a concurrent
     * redrive waits on the row lock and then finds nothing left to claim, and a Kafka redelivery of the event
     * meets its processed-events row and changes nothing. Empty when the event is not (or no longer) dead-lettered.
     */
    public Optional<Outcome> redrive(DecidedEvent event) {
        if (event.effect() == null) {
            throw new IllegalArgumentException("only an event with an effect can be redriven into the ledger");
        }
        return transaction("redrive event " + event.envelope().eventId(), c -> {
            OffsetDateTime now = now();
            try (PreparedStatement claim = c.prepareStatement(CLAIM_DEAD_LETTER)) {
                claim.setString(1, event.intendedOutcome().wire());
                setNullable(claim, 2, truncate(event.reason()));
                claim.setObject(3, now);
                claim.setString(4, event.envelope().eventId());
                if (claim.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            countRedrive(c, event.envelope().eventId(), now);
            BatchResult result = book(c, List.of(event), now);
            return Optional.of(result.applied() == 1 ? Outcome.APPLIED : Outcome.IGNORED);
        });
    }

    /** A redrive that is still poison: the event stays dead-lettered with the new error, and the try is counted. */
    public boolean keepDeadLettered(String eventId, String error) {
        return transaction("record a failed redrive of event " + eventId, c -> {
            OffsetDateTime now = now();
            try (PreparedStatement reason = c.prepareStatement(KEEP_DEAD_REASON)) {
                reason.setString(1, truncate(error));
                reason.setString(2, eventId);
                if (reason.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement letter = c.prepareStatement(KEEP_DEAD_ERROR)) {
                letter.setString(1, truncate(error));
                letter.setObject(2, now);
                letter.setObject(3, now);
                letter.setString(4, eventId);
                letter.executeUpdate();
            }
            return true;
        });
    }

    private static void countRedrive(Connection c, String eventId, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNT_REDRIVE)) {
            ps.setObject(1, now);
            ps.setString(2, eventId);
            ps.executeUpdate();
        }
    }

    private static void insertDeadLetters(Connection c, List<DecidedEvent> dead, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_DEAD_LETTER)) {
            for (DecidedEvent e : dead) {
                WebhookEnvelope env = e.envelope();
                ps.setString(1, env.eventId());
                ps.setString(2, env.provider().id());
                ps.setString(3, env.idempotencyKey());
                ps.setString(4, new String(ContractJson.envelope(env), StandardCharsets.UTF_8));
                ps.setString(5, truncate(e.reason()));
                ps.setObject(6, now);
                ps.addBatch();
            }
            executeBatch(ps, dead.size());
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T transaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            if (refusal(e)) {
                throw new LedgerRefusedException("the ledger database refused to " + what + ": " + e.getMessage(), e);
            }
            throw new LedgerUnavailableException("the ledger database did not " + what + ": " + e.getMessage(), e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static List<DecidedEvent> insertProcessed(Connection c, List<DecidedEvent> events, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_PROCESSED)) {
            for (DecidedEvent e : events) {
                WebhookEnvelope env = e.envelope();
                ps.setString(1, env.eventId());
                ps.setString(2, env.provider().id());
                ps.setString(3, env.idempotencyKey());
                ps.setString(4, e.intendedOutcome().wire());
                setNullable(ps, 5, truncate(e.reason()));
                ps.setString(6, e.topic());
                ps.setInt(7, e.partition());
                ps.setLong(8, e.offset());
                ps.setObject(9, env.receivedAt().atOffset(ZoneOffset.UTC));
                ps.setObject(10, now);
                ps.addBatch();
            }
            return inserted(events, executeBatch(ps, events.size()));
        }
    }

    private static List<DecidedEvent> insertOrders(Connection c, List<DecidedEvent> orders, OffsetDateTime now,
                                                   Map<String, String> alreadyBooked) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_ORDER)) {
            for (DecidedEvent e : orders) {
                Effect.PlaceOrder order = (Effect.PlaceOrder) e.effect();
                ps.setString(1, e.envelope().eventId());
                ps.setString(2, e.envelope().provider().id());
                setNullable(ps, 3, order.naturalId());
                ps.setString(4, order.retailer());
                setNullable(ps, 5, order.currency());
                ps.setString(6, e.envelope().idempotencyKey());
                ps.setObject(7, now);
                ps.addBatch();
            }
            int[] counts = executeBatch(ps, orders.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    Effect.PlaceOrder order = (Effect.PlaceOrder) orders.get(i).effect();
                    alreadyBooked.put(orders.get(i).envelope().eventId(), orders.get(i).envelope().provider().id()
                            + " order " + order.naturalId() + " is already booked by an earlier event");
                }
            }
            return inserted(orders, counts);
        }
    }

    private static List<DecidedEvent> insertPayments(Connection c, List<DecidedEvent> payments, OffsetDateTime now,
                                                     Map<String, String> alreadyBooked) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_PAYMENT)) {
            for (DecidedEvent e : payments) {
                Effect.BookPayment payment = (Effect.BookPayment) e.effect();
                ps.setString(1, e.envelope().eventId());
                ps.setString(2, e.envelope().provider().id());
                ps.setString(3, payment.kind().wire());
                setNullable(ps, 4, payment.naturalId());
                ps.setLong(5, payment.amount());
                ps.setString(6, payment.currency());
                setNullable(ps, 7, payment.orderRef());
                ps.setString(8, e.envelope().idempotencyKey());
                ps.setObject(9, now);
                ps.addBatch();
            }
            int[] counts = executeBatch(ps, payments.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    Effect.BookPayment payment = (Effect.BookPayment) payments.get(i).effect();
                    alreadyBooked.put(payments.get(i).envelope().eventId(), payments.get(i).envelope().provider().id()
                            + " " + payment.kind().wire() + " " + payment.naturalId() + " is already booked by an earlier event");
                }
            }
            return inserted(payments, counts);
        }
    }

    private static void markIgnored(Connection c, Map<String, String> alreadyBooked) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK_IGNORED)) {
            for (Map.Entry<String, String> entry : alreadyBooked.entrySet()) {
                ps.setString(1, Outcome.IGNORED.wire());
                ps.setString(2, truncate(entry.getValue()));
                ps.setString(3, entry.getKey());
                ps.addBatch();
            }
            executeBatch(ps, alreadyBooked.size());
        }
    }

    private static void insertLines(Connection c, List<DecidedEvent> placed) throws SQLException {
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT_LINE)) {
            for (DecidedEvent e : placed) {
                List<OrderLine> lines = ((Effect.PlaceOrder) e.effect()).lines();
                for (int i = 0; i < lines.size(); i++) {
                    OrderLine line = lines.get(i);
                    ps.setString(1, e.envelope().eventId());
                    ps.setInt(2, i + 1);
                    ps.setString(3, line.sku());
                    ps.setInt(4, line.quantity());
                    if (line.unitPrice() == null) {
                        ps.setNull(5, Types.BIGINT);
                    } else {
                        ps.setLong(5, line.unitPrice());
                    }
                    ps.addBatch();
                    rows++;
                }
            }
            executeBatch(ps, rows);
        }
    }

    private static void insertPostings(Connection c, List<DecidedEvent> booked, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_POSTING)) {
            for (DecidedEvent e : booked) {
                Effect.BookPayment payment = (Effect.BookPayment) e.effect();
                ps.setString(1, e.envelope().eventId());
                ps.setString(2, payment.kind().debitAccount());
                ps.setString(3, payment.kind().creditAccount());
                ps.setLong(4, payment.amount());
                ps.setString(5, payment.currency());
                ps.setObject(6, now);
                ps.addBatch();
            }
            executeBatch(ps, booked.size());
        }
    }

    /**
     * Per-row counts are the idempotency signal, so anything but 0 or 1 is refused: pgjdbc with
     * reWriteBatchedInserts answers -2 (SUCCESS_NO_INFO) and would hide the skipped rows.
     */
    private static int[] executeBatch(PreparedStatement ps, int expected) throws SQLException {
        if (expected == 0) {
            return new int[0];
        }
        int[] counts = ps.executeBatch();
        if (counts.length != expected) {
            throw new IllegalStateException("the driver answered " + counts.length + " update counts for " + expected + " rows");
        }
        for (int count : counts) {
            if (count != 0 && count != 1) {
                throw new IllegalStateException("the driver answered update count " + count
                        + "; per-row counts are needed (turn reWriteBatchedInserts off)");
            }
        }
        return counts;
    }

    private static List<DecidedEvent> inserted(List<DecidedEvent> rows, int[] counts) {
        List<DecidedEvent> kept = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                kept.add(rows.get(i));
            }
        }
        return kept;
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
