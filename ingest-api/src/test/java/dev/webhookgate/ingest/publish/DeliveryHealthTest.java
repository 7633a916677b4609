package dev.webhookgate.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/** The readiness rule on the producer's outcomes, with a clock the test moves. */
class DeliveryHealthTest {

    private final AtomicLong now = new AtomicLong();
    private final DeliveryHealth health = new DeliveryHealth("p.inbound", now::get);

    @Test
    void threeFailuresInARowMakeAProblemNamingTheTopicAndTheError() {
        failTimes(DeliveryHealth.FAILURES_IN_A_ROW - 1);
        assertThat(health.problem()).isNull();

        failTimes(1);
        assertThat(health.problem()).isEqualTo("the producer could not deliver the last 3 records to p.inbound (the latest 0 s ago): "
                + new RecordTooLargeException("too large"));
    }

    @Test
    void oneDeliveryClearsTheProblem() {
        failTimes(5);
        health.delivered();
        assertThat(health.problem()).isNull();
        failTimes(2);
        assertThat(health.problem()).as("the count starts again").isNull();
    }

    @Test
    void failuresOlderThanTheRecentWindowNoLongerCountSoAnIngestWithoutTrafficComesBack() {
        failTimes(3);
        now.addAndGet(DeliveryHealth.RECENT.minus(Duration.ofMillis(1)).toNanos());
        assertThat(health.problem()).isNotNull();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(health.problem()).isNull();
    }

    private void failTimes(int times) {
        for (int i = 0; i < times; i++) {
            health.failed(new RecordTooLargeException("too large"));
        }
    }
}
