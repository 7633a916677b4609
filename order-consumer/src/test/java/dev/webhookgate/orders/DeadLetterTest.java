package dev.webhookgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.DeadLetter;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.orders.support.Events;
import dev.webhookgate.orders.support.RunningOrders;
import dev.webhookgate.orders.support.TestLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dead-letter path's ordering and its last resort; the database plays no part, so H2 stands in. */
class DeadLetterTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @Test
    void noOutcomeRowIsWrittenUntilTheDeadLetterIsAcknowledged() throws Exception {
        try (TestLedger ledger = TestLedger.h2(); RunningOrders orders = RunningOrders.start(kafka, ledger, 1);
             Admin admin = kafka.broker().admin()) {
            admin.deleteTopics(List.of(orders.topics.dlq())).all().get(30, TimeUnit.SECONDS);
            orders.unique.send(Events.whatsappForm("SMbad", "whatsapp:+1", "order lots of apples"));

            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> orders.count("processed_events") == 0);

            admin.createTopics(List.of(new NewTopic(orders.topics.dlq(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> orders.count("processed_events") == 1);
            List<DeadLetter> letters = orders.unique.deadLetters(1);
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).envelope().idempotencyKey()).isEqualTo("SMbad");
        }
    }

    @Test
    void aRecordThatIsNotAnEnvelopeIsForwardedAsItCameAndThePartitionMovesOn() {
        try (TestLedger ledger = TestLedger.h2(); RunningOrders orders = RunningOrders.start(kafka, ledger, 1)) {
            byte[] garbage = "{\"not\":\"an envelope\"}".getBytes(StandardCharsets.UTF_8);
            orders.unique.sendRaw("whatsapp:broken", garbage);
            orders.unique.send(Events.whatsappForm("SMafter", "whatsapp:+1", "order 2 figs"));

            await().atMost(Duration.ofSeconds(60)).until(() -> orders.count("orders") == 1);
            List<Map.Entry<byte[], String>> letters = orders.unique.rawDeadLetters(1);
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).getKey()).isEqualTo(garbage);
            assertThat(letters.get(0).getValue()).contains("is not an envelope").contains("missing field event_id");
            assertThat(orders.count("processed_events")).isEqualTo(1);
        }
    }
}
