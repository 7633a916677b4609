package dev.webhookgate.orders.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.orders.ledger.LedgerRefusedException;
import dev.webhookgate.orders.ledger.LedgerUnavailableException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrdersErrorsTest {

    @Test
    void anUnreachableLedgerIs503WithoutTheDatabasesOwnWords() {
        LedgerUnavailableException down = new LedgerUnavailableException("the ledger database did not answer: Connection to 10.0.0.5:5432 refused",
                new SQLException("Connection refused", "08001"));
        assertThat(OrdersErrors.MAPPING.resolve(down)).hasValueSatisfying(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo("unavailable");
            assertThat(answer.getMessage()).isEqualTo("The ledger database is not reachable right now.");
            assertThat(answer.headers()).isEqualTo(Map.of("Retry-After", "5"));
        });
    }

    @Test
    void aRefusalTheRedriveDidNotTurnIntoAResultStaysAnUnexpected500() {
        assertThat(OrdersErrors.MAPPING.resolve(new LedgerRefusedException("refused", new SQLException("too long", "22001")))).isEmpty();
    }
}
