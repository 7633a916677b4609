package dev.webhookgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.fixture.ChildJvm;
import dev.webhookgate.fixture.FreePorts;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.orders.support.ConsumerLag;
import dev.webhookgate.orders.support.Events;
import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.orders.support.Ledgers;
import dev.webhookgate.orders.support.RunningOrders;
import dev.webhookgate.orders.support.TestLedger;
import dev.webhookgate.orders.support.UniqueTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The consumer as its own OS process, killed with SIGKILL while batches flow, then started again: every
 * event is applied exactly once. The payments carry no natural id, so only the processed-events rows
 * stand between a redelivery and a second booking.
 */
class ConsumerCrashTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    private static final int PER_ROUND = 3_000;

    @ParameterizedTest
    @EnumSource(TestLedger.Kind.class)
    void killedMidBatchAndRestartedAppliesEveryEventExactlyOnce(TestLedger.Kind kind) throws Exception {
        Topics topics = kafka.createRandomTopics(3);
        try (TestLedger ledger = TestLedger.create(kind); UniqueTopic unique = new UniqueTopic(kafka.bootstrapServers(), topics)) {
            Map<String, String> env = RunningOrders.serviceEnv(kafka.bootstrapServers(), topics, ledger);
            env.put("ORDERS_PORT", Integer.toString(FreePorts.next()));
            env.put("ORDERS_BATCH_SIZE", "50");
            // the restarted process takes the dead one's place at once rather than after its session timeout
            env.put("ORDERS_INSTANCE_ID", "orders-crash-" + kind);
            int port = Integer.parseInt(env.get("ORDERS_PORT"));
            Path log = Files.createTempFile(Paths.get("target"), "orders-crash-", ".log");

            unique.send(payments("first", PER_ROUND));
            Process first = start(env, log);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> Ledgers.cashDebits(port, "usd") > 0);
            } finally {
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(first.exitValue()).as("SIGKILL, not a clean exit").isEqualTo(137);
            // the dead process held the database alone; now the test may look at what it left behind
            long atKill = ledger.number("SELECT COUNT(*) FROM processed_events");
            assertThat(atKill).as("killed while the first round was still flowing").isBetween(1L, PER_ROUND - 1L);

            unique.send(payments("second", PER_ROUND));
            Process second = start(env, log);
            try {
                try (ConsumerLag lag = new ConsumerLag(kafka.bootstrapServers())) {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                            .until(() -> lag.fullyCommitted(env.get("ORDERS_GROUP_ID"), topics.unique()));
                }
                assertThat(Ledgers.cashDebits(port, "usd")).isEqualTo(2L * PER_ROUND);
                assertThat(TestHttp.to(port).get("/api/v1/ledger/balance").json().get("balanced").asBoolean()).isTrue();
            } finally {
                second.destroy();
                assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("clean stop on SIGTERM").isTrue();
            }

            assertThat(ledger.number("SELECT COUNT(*) FROM processed_events")).isEqualTo(2L * PER_ROUND);
            assertThat(ledger.number("SELECT COUNT(*) FROM payments")).isEqualTo(2L * PER_ROUND);
            assertThat(ledger.number("SELECT COUNT(*) FROM ledger_postings")).isEqualTo(2L * PER_ROUND);
            assertThat(ledger.number("SELECT SUM(amount) FROM ledger_postings")).isEqualTo(2L * PER_ROUND);
        }
    }

    private static List<WebhookEnvelope> payments(String round, int count) {
        return IntStream.range(0, count).mapToObj(i -> Events.customPayment(Provider.CUSTOM, round + "-" + i, 1, "usd")).toList();
    }

    private static Process start(Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command("256m", OrdersMain.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return builder.start();
    }
}
