package dev.webhookgate.orders.mapping;

import java.util.List;
import java.util.Objects;

/** What one well-formed event asks of the ledger. Poison events never become an effect. */
public sealed interface Effect {

    /** An order; {@code naturalId} is the provider's own order id when it has one, else null. */
    record PlaceOrder(String retailer, String naturalId, String currency, List<OrderLine> lines) implements Effect {
        public PlaceOrder {
            Objects.requireNonNull(retailer, "retailer");
            lines = List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("an order needs at least one line");
            }
        }
    }

    /** Money in or out, booked as one balanced ledger posting. */
    record BookPayment(PaymentKind kind, String naturalId, long amount, String currency, String orderRef) implements Effect {
        public BookPayment {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(currency, "currency");
            if (amount <= 0) {
                throw new IllegalArgumentException("amount must be positive");
            }
        }
    }

    /** Well-formed but not for the ledger; the reason is kept on the processed-events row. */
    record Ignore(String reason) implements Effect {
        public Ignore {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
