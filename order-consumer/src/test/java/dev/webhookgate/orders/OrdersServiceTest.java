package dev.webhookgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.DeadLetter;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.orders.support.Events;
import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.orders.support.RunningOrders;
import dev.webhookgate.orders.support.TestLedger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The mapping table, poison handling and idempotency of docs/api.md (Order consumer API), on H2 and on PostgreSQL 15. */
class OrdersServiceTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void everyMappingRowLandsInTheLedger(TestLedger.Kind kind) {
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = RunningOrders.start(kafka, ledger, 1)) {
            orders.unique.send(
                    Events.whatsappForm("SMform", "whatsapp:+15550001", "order 3 apples"),
                    Events.whatsappJson("SMjson", "whatsapp:+15550001", "ORDER 2 Pears"),
                    Events.whatsappForm("SMhello", "whatsapp:+15550001", "hello"),
                    Events.stripePayment("evt_pay", "pi_A", 2500, "usd"),
                    Events.stripeRefund("evt_refund", "pi_A", 700, "usd"),
                    Events.json(Provider.STRIPE, "evt_cust", "{\"id\":\"evt_cust\",\"type\":\"customer.created\"}"),
                    Events.customOrder(Provider.CUSTOM, "c-order", "acme"),
                    Events.customOrder(Provider.STANDARD, "s-order", "globex"),
                    Events.customPayment(Provider.CUSTOM, "c-pay", 1000, "eur"),
                    Events.customPayment(Provider.STANDARD, "s-pay", 300, "eur"),
                    Events.shopifyOrder("shop-create", 820982911946154508L, "orders/create"),
                    Events.shopifyOrder("shop-update", 820982911946154508L, "orders/updated"),
                    Events.envelope(Provider.GITHUB, "gh-1", "application/json", Map.of("x-github-event", "push"), "{\"ref\":\"main\"}"));

            await().atMost(WAIT).until(() -> orders.count("processed_events") == 13);

            assertThat(outcome(orders, "whatsapp", "SMform")).isEqualTo("applied");
            assertThat(outcome(orders, "whatsapp", "SMhello")).isEqualTo("ignored");
            assertThat(outcome(orders, "stripe", "evt_cust")).isEqualTo("ignored");
            assertThat(outcome(orders, "shopify", "shop-update")).isEqualTo("ignored");
            assertThat(outcome(orders, "github", "gh-1")).isEqualTo("ignored");
            for (String key : List.of("evt_pay", "evt_refund")) {
                assertThat(outcome(orders, "stripe", key)).isEqualTo("applied");
            }

            JsonNode whatsapp = TestHttp.to(orders.port()).get("/api/v1/orders?retailer=whatsapp%3A%2B15550001").json();
            assertThat(whatsapp.get("orders")).hasSize(2);
            JsonNode newest = whatsapp.get("orders").get(0);
            assertThat(newest.get("idempotency_key").asText()).isEqualTo("SMjson");
            assertThat(newest.get("provider").asText()).isEqualTo("whatsapp");
            assertThat(newest.get("lines").get(0).get("sku").asText()).isEqualTo("pears");
            assertThat(newest.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
            assertThat(whatsapp.get("orders").get(1).get("lines").get(0).get("sku").asText()).isEqualTo("apples");

            JsonNode acme = TestHttp.to(orders.port()).get("/api/v1/orders?retailer=acme").json().get("orders").get(0);
            assertThat(acme.get("lines")).hasSize(2);
            assertThat(acme.get("lines").get(0).get("unit_price").asLong()).isEqualTo(150);
            JsonNode shop = TestHttp.to(orders.port()).get("/api/v1/orders?retailer=corner-shop.myshopify.com").json().get("orders").get(0);
            assertThat(shop.get("natural_id").asText()).isEqualTo("820982911946154508");
            assertThat(shop.get("lines").get(0).get("unit_price").asLong()).isEqualTo(450);
            assertThat(TestHttp.to(orders.port()).get("/api/v1/orders").json().get("orders")).hasSize(5);

            JsonNode payments = TestHttp.to(orders.port()).get("/api/v1/payments").json().get("payments");
            assertThat(StreamSupport.stream(payments.spliterator(), false).map(p -> p.get("kind").asText() + ":" + p.get("amount").asLong()))
                    .containsExactly("payment:300", "payment:1000", "refund:700", "payment:2500");

            JsonNode balance = TestHttp.to(orders.port()).get("/api/v1/ledger/balance").json();
            assertThat(balance.get("balanced").asBoolean()).isTrue();
            assertThat(balanceOf(balance, "cash", "usd")).isEqualTo(1800);
            assertThat(balanceOf(balance, "sales", "usd")).isEqualTo(-1800);
            assertThat(balanceOf(balance, "cash", "eur")).isEqualTo(1300);
            assertThat(balanceOf(balance, "sales", "eur")).isEqualTo(-1300);
        }
    }

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void poisonEventsAreDeadLetteredAndThePartitionMovesOn(TestLedger.Kind kind) {
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = RunningOrders.start(kafka, ledger, 1)) {
            List<WebhookEnvelope> poison = List.of(
                    Events.whatsappForm("SMten", "whatsapp:+1", "order ten apples"),
                    Events.json(Provider.CUSTOM, "bad-qty",
                            "{\"type\":\"order.created\",\"retailer\":\"acme\",\"items\":[{\"sku\":\"a\",\"quantity\":\"two\"}]}"),
                    Events.stripePayment("evt_xyz", "pi_X", 100, "xyz"),
                    Events.json(Provider.STRIPE, "evt_broken", "{\"id\":\"evt_broken\",\"type\":"));
            orders.unique.send(poison);
            orders.unique.send(Events.whatsappForm("SMgood", "whatsapp:+1", "order 1 lemon"));

            await().atMost(WAIT).until(() -> orders.count("processed_events") == 5);

            assertThat(outcome(orders, "whatsapp", "SMgood")).isEqualTo("applied");
            for (WebhookEnvelope e : poison) {
                JsonNode processed = TestHttp.to(orders.port()).get("/api/v1/processed/" + e.provider().id() + "/" + e.idempotencyKey()).json();
                assertThat(processed.get("outcome").asText()).isEqualTo("dead_lettered");
                assertThat(processed.get("events").get(0).get("event_id").asText()).isEqualTo(e.eventId());
            }
            List<DeadLetter> letters = orders.unique.deadLetters(4);
            assertThat(letters).extracting(l -> l.envelope().eventId()).containsExactlyElementsOf(poison.stream().map(WebhookEnvelope::eventId).toList());
            assertThat(letters).extracting(DeadLetter::error).satisfiesExactly(
                    e -> assertThat(e).contains("order ten apples"),
                    e -> assertThat(e).contains("quantity"),
                    e -> assertThat(e).contains("unknown currency \"xyz\""),
                    e -> assertThat(e).contains("not valid JSON"));
            assertThat(letters.get(0).envelope()).isEqualTo(poison.get(0));
            assertThat(orders.count("orders")).isEqualTo(1);
            assertThat(orders.count("payments")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void anEventTheDatabaseRefusesIsDeadLetteredWhileTheRestOfItsBatchApplies(TestLedger.Kind kind) {
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = RunningOrders.start(kafka, ledger, 1)) {
            WebhookEnvelope tooLong = Events.json(Provider.CUSTOM, "huge-sku", "{\"type\":\"order.created\",\"retailer\":\"acme\","
                    + "\"items\":[{\"sku\":\"" + "x".repeat(1001) + "\",\"quantity\":1}]}");
            orders.unique.send(Events.customOrder(Provider.CUSTOM, "fine-1", "acme"), tooLong,
                    Events.customPayment(Provider.CUSTOM, "fine-2", 500, "usd"));

            await().atMost(WAIT).until(() -> orders.count("processed_events") == 3);

            assertThat(outcome(orders, "custom", "fine-1")).isEqualTo("applied");
            assertThat(outcome(orders, "custom", "fine-2")).isEqualTo("applied");
            JsonNode refused = TestHttp.to(orders.port()).get("/api/v1/processed/custom/huge-sku").json();
            assertThat(refused.get("outcome").asText()).isEqualTo("dead_lettered");
            assertThat(refused.get("reason").asText()).startsWith("the ledger refused the event");
            assertThat(orders.unique.deadLetters(1)).extracting(l -> l.envelope().idempotencyKey()).containsExactly("huge-sku");
            assertThat(orders.count("orders")).isEqualTo(1);
            assertThat(orders.count("ledger_postings")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void theSameEventDeliveredTwiceChangesNothing(TestLedger.Kind kind) {
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = RunningOrders.start(kafka, ledger, 2)) {
            WebhookEnvelope payment = Events.customPayment(Provider.CUSTOM, "pay-1", 2500, "usd");
            WebhookEnvelope order = Events.customOrder(Provider.CUSTOM, "order-1", "acme");
            WebhookEnvelope poison = Events.whatsappForm("SMbad", "whatsapp:+1", "order many apples");
            orders.unique.send(payment, order, poison);
            await().atMost(WAIT).until(() -> orders.count("processed_events") == 3);
            // as Kafka redelivers after a crash: the very same records, event ids included
            orders.unique.send(payment, order, poison);

            await().atMost(WAIT).until(() -> TestHttp.to(orders.port()).get("/metrics").text().contains("orders_events_redelivered_total{service=\"order-consumer\"} 3.0"));

            assertThat(orders.count("processed_events")).isEqualTo(3);
            assertThat(orders.count("orders")).isEqualTo(1);
            assertThat(orders.count("order_lines")).isEqualTo(2);
            assertThat(orders.count("payments")).isEqualTo(1);
            assertThat(orders.count("ledger_postings")).isEqualTo(1);
            assertThat(orders.unique.deadLetters(1)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void aRetryPastTheTtlCannotBookANaturalIdTwice(TestLedger.Kind kind) {
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = RunningOrders.start(kafka, ledger, 1)) {
            // Stripe resends the same payment intent under a new key after dedup forgot the first one
            orders.unique.send(Events.stripePayment("evt_first", "pi_same", 2500, "usd"),
                    Events.stripePayment("evt_again", "pi_same", 2500, "usd"),
                    Events.shopifyOrder("shop-first", 42L, "orders/create"),
                    Events.shopifyOrder("shop-again", 42L, "orders/create"));

            await().atMost(WAIT).until(() -> orders.count("processed_events") == 4);

            JsonNode again = TestHttp.to(orders.port()).get("/api/v1/processed/stripe/evt_again").json();
            assertThat(again.get("outcome").asText()).isEqualTo("ignored");
            assertThat(again.get("reason").asText()).contains("pi_same").contains("already booked");
            assertThat(TestHttp.to(orders.port()).get("/api/v1/processed/shopify/shop-again").json().get("reason").asText())
                    .contains("42").contains("already booked");
            assertThat(orders.count("payments")).isEqualTo(1);
            assertThat(orders.count("ledger_postings")).isEqualTo(1);
            assertThat(orders.count("orders")).isEqualTo(1);
            assertThat(orders.count("order_lines")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void aNewEventForAForgottenKeyIsProcessedAnew(TestLedger.Kind kind) {
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = RunningOrders.start(kafka, ledger, 1)) {
            WebhookEnvelope first = Events.customOrder(Provider.CUSTOM, "reorder", "acme");
            WebhookEnvelope second = Events.customOrder(Provider.CUSTOM, "reorder", "acme");
            orders.unique.send(first, second);

            await().atMost(WAIT).until(() -> orders.count("processed_events") == 2);

            JsonNode processed = TestHttp.to(orders.port()).get("/api/v1/processed/custom/reorder").json();
            assertThat(processed.get("outcome").asText()).isEqualTo("applied");
            assertThat(processed.get("events")).extracting(e -> e.get("event_id").asText())
                    .containsExactly(second.eventId(), first.eventId());
            assertThat(orders.count("orders")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void ordersArePagedNewestFirstWithACursor(TestLedger.Kind kind) {
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = RunningOrders.start(kafka, ledger, 1)) {
            List<WebhookEnvelope> sent = java.util.stream.IntStream.range(0, 5)
                    .mapToObj(i -> Events.customOrder(Provider.CUSTOM, "page-" + i, "corner shop/1")).toList();
            orders.unique.send(sent);
            orders.unique.send(Events.customOrder(Provider.CUSTOM, "other", "elsewhere"),
                    Events.customPayment(Provider.CUSTOM, "pay-a", 100, "usd"), Events.customPayment(Provider.CUSTOM, "pay-b", 200, "usd"));
            await().atMost(WAIT).until(() -> orders.count("processed_events") == 8);

            String filter = "/api/v1/orders?retailer=corner%20shop%2F1&limit=2";
            JsonNode first = TestHttp.to(orders.port()).get(filter).json();
            JsonNode second = TestHttp.to(orders.port()).get(filter + "&before=" + first.get("next").asText()).json();
            JsonNode third = TestHttp.to(orders.port()).get(filter + "&before=" + second.get("next").asText()).json();

            assertThat(keys(first)).containsExactly("page-4", "page-3");
            assertThat(keys(second)).containsExactly("page-2", "page-1");
            assertThat(keys(third)).containsExactly("page-0");
            assertThat(third.get("next").isNull()).isTrue();
            JsonNode payments = TestHttp.to(orders.port()).get("/api/v1/payments?limit=1").json();
            assertThat(payments.get("payments").get(0).get("idempotency_key").asText()).isEqualTo("pay-b");
            JsonNode lastPayments = TestHttp.to(orders.port()).get("/api/v1/payments?limit=1&before=" + payments.get("next").asText()).json();
            assertThat(lastPayments.get("payments").get(0).get("idempotency_key").asText()).isEqualTo("pay-a");
            assertThat(lastPayments.get("next").isNull()).isTrue();
            assertThat(TestHttp.to(orders.port()).get("/api/v1/orders?limit=0").status()).isEqualTo(400);
            assertThat(TestHttp.to(orders.port()).get("/api/v1/orders?before=yesterday").json().get("error").asText()).isEqualTo("invalid_parameter");
            assertThat(TestHttp.to(orders.port()).get("/api/v1/processed/custom/never-sent").status()).isEqualTo(404);
            assertThat(TestHttp.to(orders.port()).get("/api/v1/processed/telegram/x").json().get("error").asText()).isEqualTo("unknown_provider");
        }
    }

    private static List<String> keys(JsonNode page) {
        return StreamSupport.stream(page.get("orders").spliterator(), false).map(o -> o.get("idempotency_key").asText()).toList();
    }

    private static String outcome(RunningOrders orders, String provider, String key) {
        TestHttp.Reply reply = TestHttp.to(orders.port()).get("/api/v1/processed/" + provider + "/" + key);
        assertThat(reply.status()).as("processed %s/%s", provider, key).isEqualTo(200);
        return reply.json().get("outcome").asText();
    }

    private static long balanceOf(JsonNode balance, String account, String currency) {
        for (JsonNode row : balance.get("accounts")) {
            if (row.get("account").asText().equals(account) && row.get("currency").asText().equals(currency)) {
                return row.get("balance").asLong();
            }
        }
        throw new AssertionError("no balance for " + account + " in " + currency + ": " + balance);
    }
}
