package dev.webhookgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.FreePorts;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.fixture.ServiceProcess;
import dev.webhookgate.fixture.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running order consumer whose broker goes away keeps a readable log: its consumer, heartbeat, dead-letter
 * producer and topic probe all retry, and each repeated Kafka line is written once, then once per summary
 * interval with a count (the service's logback.xml and KafkaLogFilter, as a real process). The interval is
 * 5 s here (the default is 30 s), so the 20 s outage shows summaries too.
 */
class OrdersLogUnderBrokerOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final String SUMMARY_EVERY = "5 seconds";
    /** The first line and at most one summary per 5 s of the outage, with a margin for a slow machine. */
    private static final int MAX_SAME_LINE = 1 + (int) (OUTAGE.toSeconds() / 5) + 2;

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.dedicated(BrokerMode.IN_PROCESS);

    @TempDir
    Path dataDir;
    private ServiceProcess process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    @Test
    void aRepeatedConnectionWarningIsWrittenOnceThenAsCountedSummaries() throws Exception {
        Topics topics = kafka.createRandomTopics(1);
        int port = FreePorts.next();
        process = ServiceProcess.start(OrdersMain.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "TOPIC_PREFIX", topics.prefix(),
                "ORDERS_PORT", String.valueOf(port), "DATA_DIR", dataDir.toString(), "ORDERS_GROUP_ID", "outage"),
                "-Dwebhookgate.kafka.log.summary.every=" + SUMMARY_EVERY);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> TestHttp.to(port).get("/health/ready").status() == 200);
        int before = process.lines().size();

        kafka.broker().stop();
        boolean exited = process.awaitExit(OUTAGE);

        List<String> outage = process.lines().subList(before, process.lines().size());
        String log = String.join("\n", outage);
        assertThat(exited).as("the service rides out an outage:\n%s", log).isFalse();
        List<String> kafkaLines = outage.stream().filter(line -> line.contains(" org.apache.kafka.")).toList();
        assertThat(kafkaLines).as("the clients say the broker is gone:\n%s", log)
                .anyMatch(line -> line.contains("could not be established") || line.contains("disconnected"));
        assertThat(kafkaLines).as("counted summaries:\n%s", log).anyMatch(line -> line.contains(" times in the last "));
        Map<String, Long> perLine = kafkaLines.stream().collect(Collectors.groupingBy(OrdersLogUnderBrokerOutageTest::template,
                Collectors.counting()));
        assertThat(perLine).as("no line once per retry:\n%s", log).allSatisfy((line, count) -> assertThat(count).isLessThanOrEqualTo(MAX_SAME_LINE));
        assertThat(outage.size()).as("lines in %s of outage:\n%s", OUTAGE, log).isLessThan(100);
    }

    /** A line without its time, with its numbers masked, and a summary as the line it counts. */
    private static String template(String line) {
        String text = line.substring(line.indexOf(' ') + 1);
        int last = text.indexOf("the last: ");
        if (text.contains(" times in the last ") && last >= 0) {
            text = text.substring(0, text.indexOf(" - ") + 3) + text.substring(last + "the last: ".length());
        }
        return text.replaceAll("[0-9]+", "#");
    }
}
