package dev.webhookgate.orders.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.orders.support.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Amounts are 1 to 10^15 minor units and currencies ISO 4217; anything else is poison, so it is dead-lettered, never booked. */
class AmountBoundsTest {

    private final EventMapper mapper = new EventMapper();

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, Long.MAX_VALUE - 1, 4_611_686_018_427_387_904L, 1_000_000_000_000_001L})
    void paymentsAboveTheBoundArePoisonForEveryProvider(long amount) {
        assertThatThrownBy(() -> mapper.map(Events.stripePayment("evt_big", "pi_big", amount, "usd")))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("10^15");
        assertThatThrownBy(() -> mapper.map(Events.stripeRefund("evt_big", "pi_big", amount, "usd")))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("10^15");
        assertThatThrownBy(() -> mapper.map(Events.customPayment(Provider.CUSTOM, "big", amount, "usd")))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("10^15");
        assertThatThrownBy(() -> mapper.map(Events.customPayment(Provider.STANDARD, "big", amount, "usd")))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("10^15");
    }

    @Test
    void theBoundItselfAndOneAreBooked() {
        assertThat(mapper.map(Events.customPayment(Provider.CUSTOM, "max", 1_000_000_000_000_000L, "usd")))
                .isEqualTo(new Effect.BookPayment(PaymentKind.PAYMENT, null, 1_000_000_000_000_000L, "usd", "ord_max"));
        assertThat(mapper.map(Events.customPayment(Provider.CUSTOM, "one", 1, "jpy")))
                .isEqualTo(new Effect.BookPayment(PaymentKind.PAYMENT, null, 1, "jpy", "ord_one"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void zeroAndNegativeAmountsStayPoison(long amount) {
        assertThatThrownBy(() -> mapper.map(Events.customPayment(Provider.CUSTOM, "neg", amount, "usd")))
                .isInstanceOf(PoisonEventException.class);
    }

    @Test
    void unitPricesAboveTheBoundArePoison() {
        String body = "{\"type\":\"order.created\",\"retailer\":\"r\",\"items\":[{\"sku\":\"a\",\"quantity\":2,\"unit_price\":"
                + Long.MAX_VALUE + "}]}";
        assertThatThrownBy(() -> mapper.map(Events.json(Provider.CUSTOM, "price", body)))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("10^15");
        String shopify = "{\"id\":1,\"currency\":\"USD\",\"line_items\":[{\"sku\":\"a\",\"quantity\":1,\"price\":\"99999999999999999.00\"}]}";
        assertThatThrownBy(() -> mapper.map(Events.envelope(Provider.SHOPIFY, "s-price", "application/json",
                java.util.Map.of("x-shopify-topic", "orders/create"), shopify)))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("10^15");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zzz", "us", "usdd", "", "u$d", "\u0130sd"})
    void currenciesOutsideIso4217ArePoison(String currency) {
        assertThatThrownBy(() -> mapper.map(Events.customPayment(Provider.CUSTOM, "cur", 100, currency)))
                .isInstanceOf(PoisonEventException.class);
    }
}
