package dev.webhookgate.bench.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Orders per idempotency key, read from a system's database: the judge of "one order per accepted key".
 * Both systems keep the key on the order row (webhookgate's {@code orders.idempotency_key}, the seed's too).
 */
public record OrderCount(String jdbcUrl, String user, String password, String query) {

    public record Outcome(int acceptedKeys, int withOrder, int lost, int duplicated, double settleSeconds) {
    }

    /** webhookgate's ledger in {@code jdbcUrl}: every shape writes the same {@code orders} table. */
    static OrderCount webhookgate(String jdbcUrl, Postgres pg) {
        return new OrderCount(jdbcUrl, pg.user(), pg.password(), "SELECT idempotency_key, COUNT(*) FROM orders GROUP BY idempotency_key");
    }

    public Map<String, Integer> perKey() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    /**
     * Waits until every accepted key has an order (or {@code timeout}), and says how long that took after
     * the load ended: webhookgate answers before the order is written, the seed after.
     */
    public Outcome settle(Set<String> accepted, Duration timeout) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<String, Integer> counts;
        while (true) {
            counts = perKey();
            boolean all = counts.keySet().containsAll(accepted);
            if (all || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200);
        }
        double settled = (System.nanoTime() - start) / 1e9;
        int lost = 0;
        for (String key : accepted) {
            if (!counts.containsKey(key)) {
                lost++;
            }
        }
        int duplicated = (int) counts.values().stream().filter(n -> n > 1).count();
        return new Outcome(accepted.size(), accepted.size() - lost, lost, duplicated, settled);
    }
}
