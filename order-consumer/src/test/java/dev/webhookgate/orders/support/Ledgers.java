package dev.webhookgate.orders.support;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads of the read API that load tests wait on. */
public final class Ledgers {

    private Ledgers() {
    }

    /** Debits booked to {@code cash} in {@code currency}, or -1 while the API cannot answer (database down, process starting). */
    public static long cashDebits(int port, String currency) {
        Http.Reply reply;
        try {
            reply = Http.get(port, "/api/v1/ledger/balance");
        } catch (IllegalStateException e) {
            return -1;
        }
        if (reply.status() != 200) {
            return -1;
        }
        for (JsonNode row : reply.body().get("accounts")) {
            if (row.get("account").asText().equals("cash") && row.get("currency").asText().equals(currency)) {
                return row.get("debit").asLong();
            }
        }
        return 0;
    }
}
