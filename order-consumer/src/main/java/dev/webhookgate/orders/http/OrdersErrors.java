package dev.webhookgate.orders.http;

import dev.webhookgate.http.ApiException;
import dev.webhookgate.http.ErrorMapping;
import dev.webhookgate.orders.ledger.LedgerUnavailableException;

/**
 * The one table from the order consumer's own failures to the error answers of docs/api.md; {@link OrdersApi}
 * installs it. The ledger throws its own exceptions; a dead letter that is still poison or not dead-lettered
 * is a {@link dev.webhookgate.orders.redrive.Redriver.Result} the controller answers, not an exception.
 */
final class OrdersErrors {

    static final ErrorMapping MAPPING =
            // the database's own message names hosts and SQL states: the operator reads those in the log, not the answer
            ErrorMapping.on(LedgerUnavailableException.class, e -> ApiException.unavailable("The ledger database is not reachable right now."));

    private OrdersErrors() {
    }
}
