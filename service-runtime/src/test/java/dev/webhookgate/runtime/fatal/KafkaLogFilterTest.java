package dev.webhookgate.runtime.fatal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter on a logging context of its own, with a clock the test moves: which Kafka lines are written. */
class KafkaLogFilterTest {

    private static final String CONNECTION_FAILED = "[Consumer clientId=orders-0, groupId=orders] Connection to node {} ({}) could "
            + "not be established. Node may not be available.";

    private final AtomicLong now = new AtomicLong();
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();
    private Logger networkClient;

    @BeforeEach
    void setUp() {
        KafkaLogFilter filter = new KafkaLogFilter();
        filter.useRepeats(new RepeatedLines(Duration.ofSeconds(30), now::get));
        filter.start();
        context.addTurboFilter(filter);
        written.setContext(context);
        written.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(written);
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
        networkClient = context.getLogger("org.apache.kafka.clients.NetworkClient");
    }

    @Test
    void aLineRepeatedEverySecondIsWrittenOnceThenAsOneCountedSummaryPerInterval() {
        for (int second = 0; second < 65; second++) {
            now.set(Duration.ofSeconds(second).toNanos());
            networkClient.warn(CONNECTION_FAILED, -1, "127.0.0.1:9092");
        }

        List<String> lines = messages();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("[Consumer clientId=orders-0, groupId=orders] Connection to node -1 (127.0.0.1:9092) "
                + "could not be established. Node may not be available.");
        assertThat(lines.get(1)).startsWith("30 times in the last 30 s").endsWith("the last: " + lines.get(0));
        assertThat(lines.get(2)).startsWith("30 times in the last 30 s");
        assertThat(written.list).allMatch(e -> e.getLevel() == Level.WARN && e.getLoggerName().equals(networkClient.getName()));
    }

    @Test
    void eachTemplateAndEachClientCountsApart() {
        networkClient.warn(CONNECTION_FAILED, -1, "127.0.0.1:9092");
        networkClient.warn(CONNECTION_FAILED.replace("orders-0", "orders-dlq"), -1, "127.0.0.1:9092");
        networkClient.warn("[Consumer clientId=orders-0, groupId=orders] Bootstrap broker {} disconnected", "127.0.0.1:9092");
        networkClient.warn(CONNECTION_FAILED, 1, "127.0.0.1:9092");

        assertThat(messages()).hasSize(3);
    }

    @Test
    void aLineThatComesBackAfterAQuietIntervalIsWrittenAgainAsItIs() {
        networkClient.warn(CONNECTION_FAILED, -1, "127.0.0.1:9092");
        now.set(Duration.ofMinutes(5).toNanos());
        networkClient.warn(CONNECTION_FAILED, -1, "127.0.0.1:9092");

        assertThat(messages()).hasSize(2).allMatch(line -> line.startsWith("[Consumer"));
    }

    @Test
    void linesBelowTheLevelAndLinesOfOtherLoggersAreNeitherCountedNorThrottled() {
        for (int i = 0; i < 5; i++) {
            networkClient.debug(CONNECTION_FAILED, -1, "127.0.0.1:9092");
            context.getLogger("dev.webhookgate.orders.OrdersService").warn("the same line {}", "again");
        }
        networkClient.warn(CONNECTION_FAILED, -1, "127.0.0.1:9092");

        assertThat(messages()).hasSize(6);
        assertThat(messages().get(5)).startsWith("[Consumer");
    }

    @Test
    void theIntervalIsASettingInLogbacksDurationSyntax() {
        KafkaLogFilter filter = new KafkaLogFilter();
        filter.setSummaryEvery("5 seconds");
        assertThat(filter.summaryEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(new KafkaLogFilter().summaryEvery()).isEqualTo(KafkaLogFilter.DEFAULT_SUMMARY_EVERY);
    }

    private List<String> messages() {
        return written.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
