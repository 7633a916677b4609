package dev.webhookgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.orders.support.ConsumerLag;
import dev.webhookgate.orders.support.Events;
import dev.webhookgate.orders.support.HeldMapping;
import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.orders.support.RunningOrders;
import dev.webhookgate.orders.support.TestLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dead-letter redrive end to end: events dead-lettered by the real consumer from a real topic, redriven through the
 * HTTP API into H2 and PostgreSQL 15. The "bug" is {@link HeldMapping}: a marker field is poison until the fix.
 */
class DeadLetterRedriveTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    private static final Duration WAIT = Duration.ofSeconds(90);

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void aRedriveThatIsStillPoisonKeepsTheDeadLetterAndOneAfterTheFixBooksItOnce(TestLedger.Kind kind) {
        HeldMapping mapping = new HeldMapping("the amount field is read as a float");
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = start(ledger, mapping)) {
            WebhookEnvelope held = heldPayment("pay-1", 2500);
            orders.unique.send(held);
            await().atMost(WAIT).until(() -> dlqTotal(orders) == 1);

            JsonNode letter = TestHttp.to(orders.port()).get("/api/v1/dlq").json().get("dead_letters").get(0);
            assertThat(letter.get("event_id").asText()).isEqualTo(held.eventId());
            assertThat(letter.get("provider").asText()).isEqualTo("custom");
            assertThat(letter.get("idempotency_key").asText()).isEqualTo("pay-1");
            assertThat(letter.get("error").asText()).isEqualTo("the amount field is read as a float");
            assertThat(letter.get("failed_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(letter.get("redrives").asInt()).isZero();

            mapping.rejectWith("the amount field is read as a string");
            TestHttp.Reply poison = TestHttp.to(orders.port()).post("/api/v1/dlq/" + held.eventId() + "/redrive", null);
            assertThat(poison.status()).isEqualTo(422);
            assertThat(poison.json().get("error").asText()).isEqualTo("still_poison");
            assertThat(poison.json().get("message").asText()).isEqualTo("the amount field is read as a string");
            JsonNode after = TestHttp.to(orders.port()).get("/api/v1/dlq").json().get("dead_letters").get(0);
            assertThat(after.get("error").asText()).isEqualTo("the amount field is read as a string");
            assertThat(after.get("redrives").asInt()).isEqualTo(1);
            assertThat(outcome(orders, "pay-1")).isEqualTo("dead_lettered");
            assertThat(orders.count("payments")).isZero();

            mapping.fix();
            TestHttp.Reply applied = TestHttp.to(orders.port()).post("/api/v1/dlq/" + held.eventId() + "/redrive", null);
            assertThat(applied.status()).isEqualTo(200);
            assertThat(applied.json().get("outcome").asText()).isEqualTo("applied");
            assertThat(applied.json().get("event_id").asText()).isEqualTo(held.eventId());
            assertThat(outcome(orders, "pay-1")).isEqualTo("applied");
            assertThat(orders.count("payments")).isEqualTo(1);
            assertThat(orders.ledger.number("SELECT SUM(amount) FROM ledger_postings")).isEqualTo(2500);
            assertThat(TestHttp.to(orders.port()).get("/api/v1/ledger/balance").json().get("balanced").asBoolean()).isTrue();
            assertThat(dlqTotal(orders)).isZero();
            assertThat(orders.ledger.number("SELECT redrives FROM dead_letters")).isEqualTo(2);

            TestHttp.Reply again = TestHttp.to(orders.port()).post("/api/v1/dlq/" + held.eventId() + "/redrive", null);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.json().get("error").asText()).isEqualTo("not_found");
            assertThat(orders.count("payments")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void concurrentRedrivesOfOneEventBookItOnce(TestLedger.Kind kind) throws Exception {
        HeldMapping mapping = new HeldMapping("held");
        int events = 20;
        int racers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = start(ledger, mapping)) {
            List<WebhookEnvelope> held = IntStream.range(0, events).mapToObj(i -> heldPayment("race-" + i, 100 + i)).toList();
            orders.unique.send(held);
            await().atMost(WAIT).until(() -> dlqTotal(orders) == events);
            mapping.fix();

            for (WebhookEnvelope event : held) {
                CyclicBarrier start = new CyclicBarrier(racers);
                List<CompletableFuture<Integer>> replies = new ArrayList<>();
                for (int r = 0; r < racers; r++) {
                    replies.add(CompletableFuture.supplyAsync(() -> {
                        together(start);
                        return TestHttp.to(orders.port()).post("/api/v1/dlq/" + event.eventId() + "/redrive", null).status();
                    }, pool));
                }
                List<Integer> statuses = replies.stream().map(CompletableFuture::join).toList();
                assertThat(statuses).as("redrives of %s", event.idempotencyKey()).containsOnlyOnce(200).containsOnly(200, 404);
            }

            assertThat(orders.count("payments")).isEqualTo(events);
            assertThat(orders.count("ledger_postings")).isEqualTo(events);
            assertThat(orders.ledger.number("SELECT SUM(amount) FROM ledger_postings")).isEqualTo(IntStream.range(0, events).map(i -> 100 + i).sum());
            assertThat(dlqTotal(orders)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void aRedriveRacingAKafkaRedeliveryBooksOnce(TestLedger.Kind kind) {
        HeldMapping mapping = new HeldMapping("held");
        int events = 50;
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = start(ledger, mapping);
             ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
            List<WebhookEnvelope> held = IntStream.range(0, events).mapToObj(i -> heldPayment("redeliver-" + i, 1000)).toList();
            orders.unique.send(held);
            await().atMost(WAIT).until(() -> dlqTotal(orders) == events);
            mapping.fix();

            // the same records again, as Kafka hands them out after a crash before the offset commit, while the operator redrives
            CompletableFuture<Void> redelivery = CompletableFuture.runAsync(() -> orders.unique.send(held));
            TestHttp.Reply bulk = TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{}");
            redelivery.join();
            await().atMost(WAIT).until(() -> lag.fullyCommitted(orders.groupId, orders.topics.unique()));

            assertThat(bulk.status()).isEqualTo(200);
            assertThat(bulk.json().get("applied").asInt()).isEqualTo(events);
            assertThat(orders.count("payments")).isEqualTo(events);
            assertThat(orders.ledger.number("SELECT SUM(amount) FROM ledger_postings")).isEqualTo(1000L * events);
            assertThat(orders.ledger.number("SELECT COUNT(*) FROM processed_events WHERE outcome = 'applied'")).isEqualTo(events);
        }
    }

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void aBulkRedriveAfterAMappingFixAppliesAThousandDeadLettersAndLeavesTheRealPoison(TestLedger.Kind kind) {
        HeldMapping mapping = new HeldMapping("the v2 order schema is not understood yet");
        int held = 1000;
        try (TestLedger ledger = TestLedger.create(kind); RunningOrders orders = start(ledger, mapping)) {
            List<WebhookEnvelope> events = new ArrayList<>();
            for (int i = 0; i < held; i++) {
                events.add(heldOrder("bulk-" + i));
            }
            for (int i = 0; i < 3; i++) {
                events.add(Events.whatsappForm("SMten" + i, "whatsapp:+1555", "order ten apples"));
            }
            orders.unique.send(events);
            await().atMost(WAIT).until(() -> dlqTotal(orders) == held + 3);
            assertThat(TestHttp.to(orders.port()).get("/api/v1/dlq?provider=whatsapp").json().get("total").asInt()).isEqualTo(3);

            mapping.fix();
            TestHttp.Reply bulk = TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{}");

            assertThat(bulk.status()).isEqualTo(200);
            assertThat(bulk.json().get("matched").asInt()).isEqualTo(held + 3);
            assertThat(bulk.json().get("applied").asInt()).isEqualTo(held);
            assertThat(bulk.json().get("ignored").asInt()).isZero();
            assertThat(bulk.json().get("still_poison").asInt()).isEqualTo(3);
            assertThat(bulk.json().get("not_dead_lettered").asInt()).isZero();
            assertThat(orders.count("orders")).isEqualTo(held);
            assertThat(orders.count("order_lines")).isEqualTo(held);
            JsonNode left = TestHttp.to(orders.port()).get("/api/v1/dlq").json();
            assertThat(left.get("total").asInt()).isEqualTo(3);
            assertThat(left.get("dead_letters").get(0).get("provider").asText()).isEqualTo("whatsapp");
            assertThat(left.get("dead_letters").get(0).get("redrives").asInt()).isEqualTo(1);

            TestHttp.Reply second = TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{\"provider\":\"custom\"}");
            assertThat(second.json().get("matched").asInt()).isZero();
            assertThat(orders.count("orders")).isEqualTo(held);
        }
    }

    @Test
    void theListPagesNewestFirstAndFiltersByProviderAndTime() {
        HeldMapping mapping = new HeldMapping("held");
        try (TestLedger ledger = TestLedger.h2(); RunningOrders orders = start(ledger, mapping)) {
            orders.unique.send(heldPayment("p-0", 10), heldPayment("p-1", 11), heldPayment("p-2", 12));
            await().atMost(WAIT).until(() -> dlqTotal(orders) == 3);
            // the three share one batch and so one failed_at; anything later is after this
            String cutoff = java.time.Instant.parse(TestHttp.to(orders.port()).get("/api/v1/dlq").json().get("dead_letters").get(0)
                    .get("failed_at").asText()).plusMillis(1).toString();
            orders.unique.send(Events.whatsappForm("SMbad", "whatsapp:+1", "order ten apples"));
            await().atMost(WAIT).until(() -> dlqTotal(orders) == 4);

            JsonNode first = TestHttp.to(orders.port()).get("/api/v1/dlq?limit=2").json();
            assertThat(keys(first)).containsExactly("SMbad", "p-2");
            assertThat(first.get("total").asInt()).isEqualTo(4);
            JsonNode second = TestHttp.to(orders.port()).get("/api/v1/dlq?limit=2&before=" + first.get("next").asText()).json();
            assertThat(keys(second)).containsExactly("p-1", "p-0");
            assertThat(second.get("next").isNull()).isTrue();
            assertThat(keys(TestHttp.to(orders.port()).get("/api/v1/dlq?provider=whatsapp").json())).containsExactly("SMbad");
            assertThat(keys(TestHttp.to(orders.port()).get("/api/v1/dlq?since=" + cutoff).json())).containsExactly("SMbad");
            assertThat(keys(TestHttp.to(orders.port()).get("/api/v1/dlq?since=2999-01-01T00:00:00.000Z").json())).isEmpty();

            TestHttp.Reply byFilter = TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{\"provider\":\"whatsapp\"}");
            assertThat(byFilter.json().get("matched").asInt()).isEqualTo(1);
            assertThat(byFilter.json().get("still_poison").asInt()).isEqualTo(1);
            mapping.fix();
            String p0 = eventId(orders, "p-0");
            TestHttp.Reply selected = TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{\"event_ids\":[\"" + p0 + "\",\"no-such-event\"]}");
            assertThat(selected.json().get("matched").asInt()).isEqualTo(2);
            assertThat(selected.json().get("applied").asInt()).isEqualTo(1);
            assertThat(selected.json().get("not_dead_lettered").asInt()).isEqualTo(1);
            assertThat(keys(TestHttp.to(orders.port()).get("/api/v1/dlq").json())).containsExactly("SMbad", "p-2", "p-1");
        }
    }

    @Test
    void badDeadLetterRequestsAreRefusedAndChangeNothing() {
        HeldMapping mapping = new HeldMapping("held");
        try (TestLedger ledger = TestLedger.h2(); RunningOrders orders = start(ledger, mapping)) {
            orders.unique.send(heldPayment("p-0", 10));
            await().atMost(WAIT).until(() -> dlqTotal(orders) == 1);
            mapping.fix();

            assertError(TestHttp.to(orders.port()).get("/api/v1/dlq?provider=paypal"), 400, "invalid_parameter", "provider must be one of");
            assertError(TestHttp.to(orders.port()).get("/api/v1/dlq?since=yesterday"), 400, "invalid_parameter", "since must be a UTC time");
            assertError(TestHttp.to(orders.port()).get("/api/v1/dlq?limit=0"), 400, "invalid_parameter", "limit must be");
            assertError(TestHttp.to(orders.port()).get("/api/v1/dlq?before=x"), 400, "invalid_parameter", "before must be");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/no-such-event/redrive", null), 404, "not_found", "not dead-lettered");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", null), 400, "invalid_payload", "JSON object");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "not json"), 400, "invalid_payload", "JSON object");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "[]"), 400, "invalid_payload", "JSON object");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{\"provder\":\"custom\"}"), 400, "invalid_payload", "unknown field \"provder\"");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{\"provider\":\"paypal\"}"), 400, "invalid_parameter", "provider must be");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{\"provider\":7}"), 400, "invalid_payload", "provider must be a string");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{\"since\":\"soon\"}"), 400, "invalid_parameter", "since must be");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{\"event_ids\":[]}"), 400, "invalid_payload", "event_ids must be");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{\"event_ids\":[1]}"), 400, "invalid_payload", "event_ids must hold");
            assertError(TestHttp.to(orders.port()).post("/api/v1/dlq/redrive", "{\"event_ids\":[\"a\"],\"provider\":\"custom\"}"), 400,
                    "invalid_payload", "not both");

            assertThat(dlqTotal(orders)).isEqualTo(1);
            assertThat(orders.ledger.number("SELECT redrives FROM dead_letters")).isZero();
            assertThat(orders.count("payments")).isZero();
        }
    }

    private static RunningOrders start(TestLedger ledger, HeldMapping mapping) {
        return RunningOrders.start(kafka, ledger, 2, Map.of(), mapping);
    }

    private static WebhookEnvelope heldPayment(String key, long amount) {
        return Events.json(Provider.CUSTOM, key, "{\"type\":\"payment.succeeded\",\"amount\":" + amount
                + ",\"currency\":\"usd\",\"order_id\":\"ord_" + key + "\",\"hold\":true}");
    }

    private static WebhookEnvelope heldOrder(String key) {
        return Events.json(Provider.STANDARD, key, "{\"type\":\"order.created\",\"retailer\":\"acme\",\"hold\":true,"
                + "\"items\":[{\"sku\":\"apple\",\"quantity\":2,\"unit_price\":150}]}");
    }

    private static long dlqTotal(RunningOrders orders) {
        TestHttp.Reply reply = TestHttp.to(orders.port()).get("/api/v1/dlq?limit=1");
        return reply.status() == 200 ? reply.json().get("total").asLong() : -1;
    }

    private static String outcome(RunningOrders orders, String key) {
        return TestHttp.to(orders.port()).get("/api/v1/processed/custom/" + key).json().get("outcome").asText();
    }

    private static String eventId(RunningOrders orders, String key) {
        return TestHttp.to(orders.port()).get("/api/v1/processed/custom/" + key).json().get("events").get(0).get("event_id").asText();
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.get("dead_letters").forEach(l -> keys.add(l.get("idempotency_key").asText()));
        return keys;
    }

    private static void assertError(TestHttp.Reply reply, int status, String code, String message) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.json().get("error").asText()).isEqualTo(code);
        assertThat(reply.json().get("message").asText()).contains(message);
    }

    private static void together(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
