package dev.webhookgate.orders.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.orders.support.TestLedger;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The balance sums postings without overflowing: even rows booked before amounts were bounded (two near
 * Long.MAX_VALUE made the balance answer 503 for good) sum exactly.
 */
class BalanceSumTest {

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void sumsBeyondALongAreExact(TestLedger.Kind kind) throws Exception {
        try (TestLedger ledger = TestLedger.create(kind);
             LedgerDatabase database = LedgerDatabase.open(ledger.url(), ledger.env().get("LEDGER_JDBC_USER"),
                     ledger.env().getOrDefault("LEDGER_JDBC_PASSWORD", ""), 2)) {
            long huge = Long.MAX_VALUE - 7;
            try (Connection c = ledger.connect()) {
                for (int i = 0; i < 2; i++) {
                    book(c, "evt-" + i, huge);
                }
            }

            Views.Balances balances = new LedgerReader(database.dataSource()).balances();

            BigInteger twice = BigInteger.valueOf(huge).multiply(BigInteger.TWO);
            assertThat(balances.accounts()).extracting(b -> b.account() + " " + b.debit() + " " + b.credit() + " " + b.balance())
                    .containsExactlyInAnyOrder("cash " + twice + " 0 " + twice, "sales 0 " + twice + " -" + twice);
            assertThat(balances.balanced()).isTrue();
        }
    }

    private static void book(Connection c, String eventId, long amount) throws Exception {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO processed_events (event_id, provider, idempotency_key, topic, kafka_partition, kafka_offset,"
                    + " outcome, received_at, processed_at) VALUES ('" + eventId + "', 'custom', '" + eventId + "', 't', 0, 0,"
                    + " 'applied', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payments (event_id, provider, kind, amount, currency,"
                + " idempotency_key, created_at) VALUES (?, 'custom', 'payment', ?, 'usd', ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, eventId);
            ps.setLong(2, amount);
            ps.setString(3, eventId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_postings (event_id, debit_account, credit_account, amount,"
                + " currency, posted_at) VALUES (?, 'cash', 'sales', ?, 'usd', CURRENT_TIMESTAMP)")) {
            ps.setString(1, eventId);
            ps.setLong(2, amount);
            ps.executeUpdate();
        }
    }
}
