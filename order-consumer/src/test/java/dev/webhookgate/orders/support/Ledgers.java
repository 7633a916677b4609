package dev.webhookgate.orders.support;

import dev.webhookgate.fixture.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads of the read API that load tests wait on. */
public final class Ledgers {

    private Ledgers() {
    }

    /** Debits booked to {@code cash} in {@code currency}, or -1 while the API cannot answer (database down, process starting). */
    public static long cashDebits(int port, String currency) {
        TestHttp.Reply reply;
        try {
            reply = TestHttp.to(port).get("/api/v1/ledger/balance");
        } catch (java.io.UncheckedIOException notListening) {
            return -1;
        }
        if (reply.status() != 200) {
            return -1;
        }
        for (JsonNode row : reply.json().get("accounts")) {
            if (row.get("account").asText().equals("cash") && row.get("currency").asText().equals(currency)) {
                return row.get("debit").asLong();
            }
        }
        return 0;
    }
}
