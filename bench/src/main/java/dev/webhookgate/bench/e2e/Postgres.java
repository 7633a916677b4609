package dev.webhookgate.bench.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The one PostgreSQL both systems write to (the private instance of .ci/postgres.sh by default). */
public record Postgres(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A JDBC URL whose tables live in {@code schema}, created empty (dropped first if a round left one). */
    public String freshSchema(String schema) throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        return jdbcUrl() + "?currentSchema=" + schema;
    }

    public void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), user, password); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
