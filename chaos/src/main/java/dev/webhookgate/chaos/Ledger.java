package dev.webhookgate.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The order-consumer's ledger as an auditor reads it over JDBC: one schema of its own per scenario on the
 * PostgreSQL the run was given, dropped again when the scenario passed.
 */
final class Ledger {

    private final String baseUrl;
    private final String user;
    private final String password;
    private final String schema;

    private Ledger(String baseUrl, String user, String password, String schema) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    static Ledger create(String baseUrl, String user, String password, String schema) {
        Ledger ledger = new Ledger(baseUrl, user, password, schema);
        ledger.execute("CREATE SCHEMA " + schema);
        return ledger;
    }

    /** The URL the order-consumer gets: {@code host:port} replaced (the relay in front), this schema current. */
    String jdbcUrlVia(String hostPort) {
        String url = baseUrl.replaceFirst("//[^/]+/", "//" + hostPort + "/");
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** Rows in processed_events per idempotency key: each is one event the consumer decided on. */
    Map<String, Integer> processedByKey() {
        return countByKey("SELECT idempotency_key, COUNT(*) FROM " + schema + ".processed_events GROUP BY idempotency_key");
    }

    /** Orders plus payments per idempotency key: the business effects. */
    Map<String, Integer> effectsByKey() {
        return countByKey("SELECT idempotency_key, COUNT(*) FROM (SELECT idempotency_key FROM " + schema + ".orders"
                + " UNION ALL SELECT idempotency_key FROM " + schema + ".payments) effects GROUP BY idempotency_key");
    }

    /** Payments whose postings do not move exactly the payment's amount, debit and credit, in its currency. */
    int unbalanced() {
        String sql = "SELECT COUNT(*) FROM " + schema + ".payments p LEFT JOIN (SELECT event_id, SUM(amount) AS total,"
                + " COUNT(DISTINCT currency) AS currencies, MIN(currency) AS currency FROM " + schema + ".ledger_postings"
                + " GROUP BY event_id) l ON l.event_id = p.event_id"
                + " WHERE l.total IS NULL OR l.total <> p.amount OR l.currencies <> 1 OR l.currency <> p.currency";
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the ledger: " + e.getMessage(), e);
        }
    }

    void drop() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private Map<String, Integer> countByKey(String sql) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return counts; // the consumer has not migrated its schema yet
            }
            throw new IllegalStateException("could not read the ledger: " + e.getMessage(), e);
        }
        return counts;
    }

    private void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(baseUrl, user, password);
    }
}
