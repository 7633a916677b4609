package dev.webhookgate.orders.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.http.Metrics;
import dev.webhookgate.http.access.AccessTokens;
import dev.webhookgate.http.testing.RawHttp;
import dev.webhookgate.orders.ledger.LedgerDatabase;
import dev.webhookgate.orders.ledger.LedgerReader;
import dev.webhookgate.orders.support.TestLedger;
import io.javalin.Javalin;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Query parameters the read API cannot apply are 400: a filter that fails never widens the answer to everyone's rows. */
class HostileOrdersQueriesTest {

    private static TestLedger ledger;
    private static LedgerDatabase database;
    private static Javalin app;

    @BeforeAll
    static void start() throws Exception {
        ledger = TestLedger.h2();
        database = LedgerDatabase.open(ledger.url(), "sa", "", 2);
        try (Connection c = ledger.connect(); Statement s = c.createStatement()) {
            for (String retailer : new String[] {"alice", "bob"}) {
                s.executeUpdate("INSERT INTO processed_events (event_id, provider, idempotency_key, topic, kafka_partition, kafka_offset,"
                        + " outcome, received_at, processed_at) VALUES ('e-" + retailer + "', 'custom', 'k-" + retailer + "', 't', 0, 0,"
                        + " 'applied', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                s.executeUpdate("INSERT INTO orders (event_id, provider, retailer, idempotency_key, created_at) VALUES ('e-" + retailer
                        + "', 'custom', '" + retailer + "', 'k-" + retailer + "', CURRENT_TIMESTAMP)");
            }
        }
        // no redriver: this test calls only the read routes
        app = new OrdersApi(new LedgerReader(database.dataSource()), null).create(0, AccessTokens.NONE, () -> null, Metrics.registry("test")).start();
    }

    @AfterAll
    static void stop() {
        app.stop();
        database.close();
        ledger.close();
    }

    private static RawHttp.Reply get(String pathAndQuery) {
        return RawHttp.exchange(app.port(), "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/orders?retailer=%ZZ",
            "/api/v1/orders?retailer=%",
            "/api/v1/orders?retailer=ali%2",
            "/api/v1/orders?retailer=%C0%AF",
            "/api/v1/orders?retailer=%FF",
            "/api/v1/orders?retailer=",
            "/api/v1/orders?retailer=alice&retailer=bob",
            "/api/v1/orders?retailr=alice",
            "/api/v1/orders?limit=0",
            "/api/v1/orders?limit=abc",
            "/api/v1/orders?limit=99999999999",
            "/api/v1/orders?before=x",
            "/api/v1/payments?retailer=alice",
            "/api/v1/payments?limit=-1",
    })
    void aParameterThatCannotBeAppliedIs400(String path) {
        RawHttp.Reply reply = get(path);

        assertThat(reply.status()).as(path + " -> " + reply).isEqualTo(400);
        assertThat(reply.errorCode()).as(reply.toString()).contains("invalid_parameter");
        assertThat(reply.body()).doesNotContain("alice\"").doesNotContain("bob\"");
    }

    @Test
    void aValidFilterStillNarrows() {
        RawHttp.Reply reply = get("/api/v1/orders?retailer=alice&limit=10");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body()).contains("\"retailer\":\"alice\"").doesNotContain("bob");
        assertThat(get("/api/v1/orders?retailer=%61lice").body()).contains("\"retailer\":\"alice\"").doesNotContain("bob");
    }
}
