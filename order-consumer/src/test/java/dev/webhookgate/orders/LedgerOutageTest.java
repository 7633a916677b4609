package dev.webhookgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.fixture.FreePorts;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.orders.support.ConsumerLag;
import dev.webhookgate.orders.support.DatabaseSwitch;
import dev.webhookgate.orders.support.Events;
import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.orders.support.Ledgers;
import dev.webhookgate.orders.support.RunningOrders;
import dev.webhookgate.orders.support.TestLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger database goes away under load and comes back: a real H2 server over TCP stopped and
 * restarted on the same port and files, and the private PostgreSQL 15 stopped with {@code pg_ctl stop
 * -m fast} and started again. Either way every open connection dies, mid-transaction or not.
 */
// Isolated (pom.xml runs classes two at a time): stops the PostgreSQL every other ledger test uses (DatabaseSwitch).
@Isolated
class LedgerOutageTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    private static final int PER_PHASE = 2_000;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void databaseOutageUnderLoadPausesAndResumesWithoutLossOrDuplicates(TestLedger.Kind kind) {
        try (DatabaseSwitch database = kind == TestLedger.Kind.H2
                ? DatabaseSwitch.h2Server(dataDir, FreePorts.next()) : DatabaseSwitch.privatePostgres();
             // two consumer threads, each pausing and resuming its own partitions
             RunningOrders orders = RunningOrders.start(kafka, database.ledger(), 4, Map.of("ORDERS_CONSUMERS", "2"))) {
            orders.unique.send(payments("before", PER_PHASE));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Ledgers.cashDebits(orders.port(), "usd") > 0);

            database.stop();
            orders.unique.send(payments("during", PER_PHASE));

            await().atMost(Duration.ofSeconds(30)).until(() -> !orders.service.isReady());
            // stays paused, answering 503 on readiness, for as long as the database is away
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> !orders.service.isReady());
            assertThat(TestHttp.to(orders.port()).get("/health/ready").status()).isEqualTo(503);
            assertThat(TestHttp.to(orders.port()).get("/api/v1/ledger/balance").status()).isEqualTo(503);

            database.start();
            orders.unique.send(payments("after", PER_PHASE));

            try (ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .until(() -> orders.service.isReady() && lag.fullyCommitted(orders.groupId, orders.topics.unique()));
            }
            assertThat(Ledgers.cashDebits(orders.port(), "usd")).isEqualTo(3L * PER_PHASE);
            assertThat(orders.count("processed_events")).isEqualTo(3L * PER_PHASE);
            assertThat(orders.count("payments")).isEqualTo(3L * PER_PHASE);
            assertThat(orders.count("ledger_postings")).isEqualTo(3L * PER_PHASE);
            assertThat(TestHttp.to(orders.port()).get("/metrics").text()).containsPattern("orders_ledger_pauses_total\\{[^}]*\\} [1-9]");
        }
    }

    private static List<WebhookEnvelope> payments(String phase, int count) {
        return IntStream.range(0, count).mapToObj(i -> Events.customPayment(Provider.CUSTOM, phase + "-" + i, 1, "usd")).toList();
    }
}
