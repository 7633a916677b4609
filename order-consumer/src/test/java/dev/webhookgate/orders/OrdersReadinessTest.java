package dev.webhookgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.fixture.FreePorts;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.orders.support.DatabaseSwitch;
import dev.webhookgate.orders.support.Http;
import dev.webhookgate.orders.support.RunningOrders;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * /health/ready answers 200 only while every part the consumer's work needs works (its consumer in the
 * group and polling, the dead-letter producer reaching its topic, the ledger answering), and its body
 * names the part that does not, with no event flowing to reveal it.
 *
 * <p>Not covered here any more: a dead-letter producer that cannot reach its topic. The case was written with
 * the topic deleted before start, which the start-up topic check now refuses; deleting it after start leaves
 * the producer's cached metadata answering, so the readiness check does not see it (docs/failure-modes.md).
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
            await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(service.port(), "/health/ready").status() == 200);

            database.stop();

            await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(service.port(), "/health/ready").status() == 503);
            assertThat(Http.get(service.port(), "/health/ready").body().get("reason").asText())
                    .isEqualTo("the ledger database is not reachable");

            database.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(service.port(), "/health/ready").status() == 200);
        }
    }
}
