package dev.webhookgate.dedup.topology;

import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.dedup.metrics.DecisionMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TTL-safety meters as the topology drives them, on its real RocksDB store, with WhatsApp's TTL at one
 * hour: duplicate gaps by provider, and redeliveries that found their key expired less than one TTL ago.
 */
class TtlSafetyMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.000Z");
    private static final Duration TTL = Duration.ofHours(1);
    private static final String BODY = "Body=order 2 apples";

    @TempDir
    Path stateDir;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private TopologyTestDriver driver;
    private TestInputTopic<String, WebhookEnvelope> inbound;
    private TestOutputTopic<String, WebhookEnvelope> unique;

    @BeforeEach
    void start() {
        DedupConfig config = DedupConfig.from(new Env(Map.of("DATA_DIR", stateDir.toString(), "IDEMPOTENCY_TTL_WHATSAPP", "PT1H")));
        Topics topics = config.topics();
        driver = new TopologyTestDriver(DedupTopology.buildTopology(config, new DecisionMetrics(registry, config.idempotency())),
                DedupTopology.streamsConfig(config, "localhost:1"));
        inbound = driver.createInputTopic(topics.inbound(), ContractSerdes.key().serializer(), ContractSerdes.envelope().serializer());
        unique = driver.createOutputTopic(topics.unique(), ContractSerdes.key().deserializer(), ContractSerdes.envelope().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
        registry.close();
    }

    private void send(Provider provider, String key, String body, Instant at) {
        WebhookEnvelope envelope = delivery(provider, key, body, at);
        inbound.pipeInput(envelope.key().kafkaKey(), envelope, at);
    }

    private Timer gaps(Provider provider) {
        return registry.get(DecisionMetrics.DUPLICATE_GAP).tag("provider", provider.id()).timer();
    }

    private double expired(Provider provider) {
        return registry.get(DecisionMetrics.EXPIRED_REDELIVERIES).tag("provider", provider.id()).counter().count();
    }

    @Test
    void eachDuplicateRecordsItsGapToTheFirstDeliveryUnderItsProvider() {
        send(Provider.WHATSAPP, "SM1", BODY, T0);
        send(Provider.WHATSAPP, "SM1", BODY, T0.plus(Duration.ofMinutes(10)));
        send(Provider.WHATSAPP, "SM1", BODY, T0.plus(Duration.ofMinutes(50)));
        send(Provider.STRIPE, "evt_1", "{\"id\":\"evt_1\"}", T0);

        assertThat(gaps(Provider.WHATSAPP).count()).isEqualTo(2);
        // measured from the first delivery each time, not from the previous duplicate
        assertThat(gaps(Provider.WHATSAPP).totalTime(TimeUnit.MINUTES)).isEqualTo(60.0);
        assertThat(gaps(Provider.WHATSAPP).max(TimeUnit.MINUTES)).isEqualTo(50.0);
        assertThat(gaps(Provider.STRIPE).count()).isZero();
    }

    @Test
    void aConflictIsNoDuplicateAndRecordsNoGap() {
        send(Provider.WHATSAPP, "SM1", BODY, T0);
        send(Provider.WHATSAPP, "SM1", "Body=order 3 pears", T0.plus(Duration.ofMinutes(5)));

        assertThat(gaps(Provider.WHATSAPP).count()).isZero();
        assertThat(expired(Provider.WHATSAPP)).isZero();
    }

    @Test
    void aRedeliveryShortlyAfterExpiryIsCountedAndProcessedAnew() {
        send(Provider.WHATSAPP, "SM1", BODY, T0);
        send(Provider.WHATSAPP, "SM1", BODY, T0.plus(TTL).plus(Duration.ofMinutes(10)));

        assertThat(unique.readValuesToList()).hasSize(2);
        assertThat(expired(Provider.WHATSAPP)).isEqualTo(1.0);
        assertThat(gaps(Provider.WHATSAPP).count()).as("a renewed key is no duplicate").isZero();
    }

    @Test
    void aRedeliveryMoreThanOneTtlAfterExpiryIsNotCounted() {
        send(Provider.WHATSAPP, "SM1", BODY, T0);
        send(Provider.WHATSAPP, "SM1", BODY, T0.plus(TTL).plus(TTL).plus(Duration.ofMinutes(1)));

        assertThat(unique.readValuesToList()).hasSize(2);
        assertThat(expired(Provider.WHATSAPP)).isZero();
    }

    @Test
    void theRetryJustBeforeExpiryLandsInTheBucketOfTheTtlItself() {
        send(Provider.WHATSAPP, "SM1", BODY, T0);
        send(Provider.WHATSAPP, "SM1", BODY, T0.plus(TTL).minusSeconds(1));

        String scrape = registry.scrape();
        assertThat(scrape).contains("webhookgate_dedup_duplicate_gap_seconds_bucket{provider=\"whatsapp\",le=\"3240.0\"} 0");
        assertThat(scrape).contains("webhookgate_dedup_duplicate_gap_seconds_bucket{provider=\"whatsapp\",le=\"3600.0\"} 1");
        assertThat(scrape).contains("webhookgate_dedup_expired_redeliveries_total{provider=\"whatsapp\"} 0.0");
    }
}
