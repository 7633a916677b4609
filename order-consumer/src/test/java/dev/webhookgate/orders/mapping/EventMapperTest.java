package dev.webhookgate.orders.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.orders.support.Events;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventMapperTest {

    private final EventMapper mapper = new EventMapper();

    @ParameterizedTest
    @ValueSource(strings = {"order 3 apples", "ORDER 3 Apples", "  Order   3   apples  "})
    void whatsappOrderInAnyCaseBecomesAnOrderForTheSender(String text) {
        Effect form = mapper.map(Events.whatsappForm("SM1", "whatsapp:+15550001", text));
        Effect json = mapper.map(Events.whatsappJson("SM2", "whatsapp:+15550001", text));

        Effect.PlaceOrder expected = new Effect.PlaceOrder("whatsapp:+15550001", null, null, List.of(new OrderLine("apples", 3, null)));
        assertThat(form).isEqualTo(expected);
        assertThat(json).isEqualTo(expected);
    }

    @Test
    void whatsappMessageThatIsNotAnOrderIsIgnored() {
        assertThat(mapper.map(Events.whatsappForm("SM1", "whatsapp:+1", "hello there"))).isInstanceOf(Effect.Ignore.class);
        assertThat(mapper.map(Events.whatsappForm("SM2", "whatsapp:+1", "orders are closed?"))).isInstanceOf(Effect.Ignore.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"order ten apples", "order 3", "order", "order 0 apples", "order -2 apples"})
    void whatsappBodyStartingWithOrderThatDoesNotParseIsPoison(String text) {
        assertThatThrownBy(() -> mapper.map(Events.whatsappForm("SM1", "whatsapp:+1", text)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("whatsapp order");
    }

    @Test
    void whatsappJsonThatIsNotJsonIsPoison() {
        WebhookEnvelope broken = Events.json(Provider.WHATSAPP, "SM1", "{\"Body\": \"order 1 apple\"");
        assertThatThrownBy(() -> mapper.map(broken)).isInstanceOf(PoisonEventException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void stripePaymentIntentSucceededBooksPaymentByIntentId() {
        Effect effect = mapper.map(Events.stripePayment("evt_1", "pi_1", 2500, "usd"));
        assertThat(effect).isEqualTo(new Effect.BookPayment(PaymentKind.PAYMENT, "pi_1", 2500, "usd", "ord_1"));
    }

    @Test
    void stripeChargeRefundedBooksReversalByEventId() {
        Effect effect = mapper.map(Events.stripeRefund("evt_2", "pi_1", 700, "EUR"));
        assertThat(effect).isEqualTo(new Effect.BookPayment(PaymentKind.REFUND, "evt_2", 700, "eur", "pi_1"));
        assertThat(PaymentKind.REFUND.debitAccount()).isEqualTo("sales");
        assertThat(PaymentKind.REFUND.creditAccount()).isEqualTo("cash");
    }

    @Test
    void stripeUnknownCurrencyIsPoison() {
        assertThatThrownBy(() -> mapper.map(Events.stripePayment("evt_1", "pi_1", 2500, "xyz")))
                .isInstanceOf(PoisonEventException.class).hasMessage("unknown currency \"xyz\"");
    }

    @Test
    void stripeOtherEventTypesAreIgnored() {
        Effect effect = mapper.map(Events.json(Provider.STRIPE, "evt_3", "{\"id\":\"evt_3\",\"type\":\"customer.created\",\"data\":{}}"));
        assertThat(effect).isEqualTo(new Effect.Ignore("stripe event customer.created is not booked"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom", "standard"})
    void customAndStandardOrderCreatedBecomesOrderWithPricedLines(String providerId) {
        Provider provider = Provider.fromId(providerId).orElseThrow();
        Effect effect = mapper.map(Events.customOrder(provider, "k1", "acme"));
        assertThat(effect).isEqualTo(new Effect.PlaceOrder("acme", null, null,
                List.of(new OrderLine("apple", 2, 150L), new OrderLine("pear", 1, 99L))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom", "standard"})
    void customAndStandardPaymentSucceededBooksPayment(String providerId) {
        Provider provider = Provider.fromId(providerId).orElseThrow();
        Effect effect = mapper.map(Events.customPayment(provider, "k1", 2500, "usd"));
        assertThat(effect).isEqualTo(new Effect.BookPayment(PaymentKind.PAYMENT, null, 2500, "usd", "ord_k1"));
    }

    @Test
    void standardWebhooksFieldsUnderDataAreRead() {
        Effect effect = mapper.map(Events.json(Provider.STANDARD, "msg_1",
                "{\"type\":\"payment.succeeded\",\"timestamp\":\"2026-11-28T10:15:30Z\",\"data\":{\"amount\":10,\"currency\":\"gbp\"}}"));
        assertThat(effect).isEqualTo(new Effect.BookPayment(PaymentKind.PAYMENT, null, 10, "gbp", null));
    }

    @Test
    void customOrderWithNonNumericQuantityIsPoison() {
        WebhookEnvelope e = Events.json(Provider.CUSTOM, "k1",
                "{\"type\":\"order.created\",\"retailer\":\"acme\",\"items\":[{\"sku\":\"a\",\"quantity\":\"two\",\"unit_price\":1}]}");
        assertThatThrownBy(() -> mapper.map(e)).isInstanceOf(PoisonEventException.class).hasMessageContaining("quantity");
    }

    @Test
    void customPaymentWithNegativeAmountIsPoison() {
        assertThatThrownBy(() -> mapper.map(Events.customPayment(Provider.CUSTOM, "k1", -5, "usd")))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("amount");
    }

    @Test
    void customOtherTypesAreIgnored() {
        assertThat(mapper.map(Events.json(Provider.CUSTOM, "k1", "{\"type\":\"invoice.paid\"}")))
                .isEqualTo(new Effect.Ignore("custom event invoice.paid is not booked"));
    }

    @Test
    void shopifyOrdersCreateBecomesOrderKeyedByShopifyId() {
        Effect effect = mapper.map(Events.shopifyOrder("wh_1", 820982911946154508L, "orders/create"));
        assertThat(effect).isEqualTo(new Effect.PlaceOrder("corner-shop.myshopify.com", "820982911946154508", "eur",
                List.of(new OrderLine("TEA-1", 3, 450L))));
    }

    @Test
    void shopifyOtherTopicsAreIgnored() {
        assertThat(mapper.map(Events.shopifyOrder("wh_1", 1, "orders/updated")))
                .isEqualTo(new Effect.Ignore("shopify topic orders/updated is not booked"));
    }

    @Test
    void githubEventsAreIgnoredButMustBeJson() {
        assertThat(mapper.map(Events.envelope(Provider.GITHUB, "d1", "application/json", Map.of("x-github-event", "push"), "{}")))
                .isInstanceOf(Effect.Ignore.class);
        assertThatThrownBy(() -> mapper.map(Events.json(Provider.GITHUB, "d2", "not json")))
                .isInstanceOf(PoisonEventException.class);
    }
}
