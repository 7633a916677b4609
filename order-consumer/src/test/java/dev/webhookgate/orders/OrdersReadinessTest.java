package dev.webhookgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.fixture.FreePorts;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.orders.support.DatabaseSwitch;
import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.orders.support.RunningOrders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * /health/ready answers 200 only while every part the consumer's work needs works (its consumer in the
 * group and polling, the dead-letter producer reaching its topic, the ledger answering), and its body
 * names the part that does not, with no event flowing to reveal it.
 */
class OrdersReadinessTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @TempDir
    Path dataDir;

    @Test
    void anUnreachableLedgerMakesTheServiceNotReadyWithoutAnyEventFlowing() {
        Topics topics = kafka.createRandomTopics(1);
        try (DatabaseSwitch database = DatabaseSwitch.h2Server(dataDir, FreePorts.next());
             OrdersService service = OrdersService.start(OrdersConfig.from(new Env(
                     RunningOrders.serviceEnv(kafka.bootstrapServers(), topics, database.ledger()))))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> TestHttp.to(service.port()).get("/health/ready").status() == 200);

            database.stop();

            await().atMost(Duration.ofSeconds(30)).until(() -> TestHttp.to(service.port()).get("/health/ready").status() == 503);
            assertThat(TestHttp.to(service.port()).get("/health/ready").json().get("reason").asText())
                    .isEqualTo("the ledger database is not reachable");

            database.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> TestHttp.to(service.port()).get("/health/ready").status() == 200);
        }
    }

    /** The producer's metadata cache would keep answering for minutes: readiness asks a broker afresh. */
    @Test
    void aDeadLetterTopicDeletedWhileRunningMakesTheServiceNotReadyUntilItIsBack() throws Exception {
        Topics topics = kafka.createRandomTopics(1);
        try (DatabaseSwitch database = DatabaseSwitch.h2Server(dataDir, FreePorts.next());
             OrdersService service = OrdersService.start(OrdersConfig.from(new Env(
                     RunningOrders.serviceEnv(kafka.bootstrapServers(), topics, database.ledger()))));
             Admin admin = kafka.broker().admin()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> TestHttp.to(service.port()).get("/health/ready").status() == 200);

            admin.deleteTopics(List.of(topics.dlq())).all().get();

            await().atMost(Duration.ofSeconds(15)).until(() -> TestHttp.to(service.port()).get("/health/ready").status() == 503);
            assertThat(TestHttp.to(service.port()).get("/health/ready").json().get("reason").asText())
                    .isEqualTo("the dead-letter producer cannot reach " + topics.dlq() + ": topic " + topics.dlq() + " does not exist");

            // a deletion finishes in the background; until it has, the broker refuses the same name
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.createTopics(List.of(new NewTopic(topics.dlq(), 1, (short) 1))).all().get() == null);
            await().atMost(Duration.ofSeconds(15)).until(() -> TestHttp.to(service.port()).get("/health/ready").status() == 200);
        }
    }
}
