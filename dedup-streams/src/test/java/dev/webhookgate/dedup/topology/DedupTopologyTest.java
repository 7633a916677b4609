package dev.webhookgate.dedup.topology;

import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.contract.Command;
import dev.webhookgate.contract.DuplicateRecord;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.Verdict;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.runtime.tracing.Tracing;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology with explicit record timestamps, read back from its real (RocksDB) window store. */
class DedupTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.000Z");
    private static final Topics TOPICS = new Topics("webhooks");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, WebhookEnvelope> inbound;
    private TestInputTopic<String, Command> commands;
    private TestOutputTopic<String, WebhookEnvelope> unique;
    private TestOutputTopic<String, DuplicateRecord> duplicates;

    private void start(Map<String, String> env) {
        Map<String, String> vars = new HashMap<>(env);
        vars.put("DATA_DIR", stateDir.toString());
        DedupConfig config = DedupConfig.from(new Env(vars));
        DedupDriver started = DedupDriver.start(config, Tracing.OFF);
        driver = started.driver();
        inbound = started.inbound();
        commands = started.commands();
        unique = started.unique();
        duplicates = started.duplicates();
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private WebhookEnvelope send(Provider provider, String key, String body, Instant at) {
        WebhookEnvelope envelope = delivery(provider, key, body, at);
        inbound.pipeInput(envelope.key().kafkaKey(), envelope, at);
        return envelope;
    }

    private List<String> uniqueEventIds() {
        List<String> ids = new ArrayList<>();
        unique.readValuesToList().forEach(e -> ids.add(e.eventId()));
        return ids;
    }

    private List<DedupEntry> storedEntries(String key) {
        WindowStore<String, ValueAndTimestamp<DedupEntry>> store = driver.getTimestampedWindowStore(DedupTopology.KEY_STORE);
        List<DedupEntry> entries = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<DedupEntry>> windows = store.fetch(key, 0L, Long.MAX_VALUE)) {
            windows.forEachRemaining((KeyValue<Long, ValueAndTimestamp<DedupEntry>> kv) -> entries.add(kv.value.value()));
        }
        return entries;
    }

    private long counter(String name) {
        KeyValueStore<String, Long> stats = driver.getKeyValueStore(DedupTopology.STATS_STORE);
        Long value = stats.get(name);
        return value == null ? 0 : value;
    }

    @Test
    void retryOneMillisecondBeforeExpiryIsDropped() {
        start(Map.of());
        WebhookEnvelope first = send(Provider.WHATSAPP, "SM1", "Body=order 2 apples", T0);
        WebhookEnvelope retry = send(Provider.WHATSAPP, "SM1", "Body=order 2 apples", T0.plus(Duration.ofHours(24)).minusMillis(1));

        assertThat(uniqueEventIds()).containsExactly(first.eventId());
        DuplicateRecord dropped = duplicates.readValue();
        assertThat(dropped.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(dropped.originalEventId()).isEqualTo(first.eventId());
        assertThat(dropped.envelope().eventId()).isEqualTo(retry.eventId());
    }

    @Test
    void retryOneMillisecondAfterExpiryIsProcessedAgain() {
        start(Map.of());
        WebhookEnvelope first = send(Provider.WHATSAPP, "SM1", "Body=order 2 apples", T0);
        WebhookEnvelope later = send(Provider.WHATSAPP, "SM1", "Body=order 2 apples", T0.plus(Duration.ofHours(24)).plusMillis(1));

        assertThat(uniqueEventIds()).containsExactly(first.eventId(), later.eventId());
        assertThat(duplicates.isEmpty()).isTrue();
        assertThat(storedEntries("whatsapp:SM1")).last().extracting(DedupEntry::eventId).isEqualTo(later.eventId());
    }

    @Test
    void duplicatesDoNotExtendTheTtl() {
        start(Map.of());
        WebhookEnvelope first = send(Provider.GITHUB, "d1", "{}", T0);
        send(Provider.GITHUB, "d1", "{}", T0.plus(Duration.ofHours(23)));
        WebhookEnvelope afterFirstsTtl = send(Provider.GITHUB, "d1", "{}", T0.plus(Duration.ofHours(24)));

        assertThat(uniqueEventIds()).containsExactly(first.eventId(), afterFirstsTtl.eventId());
    }

    @Test
    void eachProviderKeepsItsOwnTtl() {
        start(Map.of("IDEMPOTENCY_TTL_SHOPIFY", "3600"));
        Instant twoDaysLater = T0.plus(Duration.ofDays(2));
        send(Provider.STRIPE, "evt_1", "{}", T0);
        send(Provider.GITHUB, "d1", "{}", T0);
        send(Provider.SHOPIFY, "w1", "{}", T0);
        unique.readValuesToList();

        send(Provider.STRIPE, "evt_1", "{}", twoDaysLater);   // stripe's default is 3 days: still a retry
        WebhookEnvelope github = send(Provider.GITHUB, "d1", "{}", twoDaysLater);  // 24 h default: expired
        WebhookEnvelope shopify = send(Provider.SHOPIFY, "w1", "{}", T0.plus(Duration.ofMinutes(61)));  // overridden to 1 h

        assertThat(uniqueEventIds()).containsExactly(github.eventId(), shopify.eventId());
        assertThat(duplicates.readValuesToList()).extracting(d -> d.envelope().provider()).containsExactly(Provider.STRIPE);
    }

    @Test
    void sameKeyWithAnotherBodyIsAConflictAndNeverUnique() {
        start(Map.of());
        WebhookEnvelope first = send(Provider.STRIPE, "evt_1", "{\"amount\":100}", T0);
        send(Provider.STRIPE, "evt_1", "{\"amount\":999}", T0.plusSeconds(1));

        assertThat(uniqueEventIds()).containsExactly(first.eventId());
        DuplicateRecord conflict = duplicates.readValue();
        assertThat(conflict.verdict()).isEqualTo(Verdict.CONFLICT);
        assertThat(conflict.originalEventId()).isEqualTo(first.eventId());
        assertThat(counter(StatsCounters.CONFLICTS)).isEqualTo(1);
        assertThat(counter(StatsCounters.DUPLICATES_DROPPED)).isZero();
    }

    @Test
    void everyDeliveryWritesTheStoreCountingDuplicatesAndLastSeen() {
        start(Map.of());
        send(Provider.STRIPE, "evt_1", "{}", T0);
        send(Provider.STRIPE, "evt_1", "{}", T0.plusSeconds(30));
        send(Provider.STRIPE, "evt_1", "{}", T0.plusSeconds(10));

        DedupEntry entry = storedEntries("stripe:evt_1").get(0);
        assertThat(entry.duplicates()).isEqualTo(2);
        assertThat(entry.firstSeen()).isEqualTo(T0);
        assertThat(entry.lastSeen()).isEqualTo(T0.plusSeconds(30));
        assertThat(entry.offset()).isZero();
        assertThat(entry.lastOffset()).isEqualTo(2);
        assertThat(counter(StatsCounters.TOTAL_KEYS)).isEqualTo(1);
        assertThat(counter(StatsCounters.DUPLICATES_DROPPED)).isEqualTo(2);
    }

    @Test
    void deliveryStampedBeforeTheFirstIsStillARetry() {
        start(Map.of());
        WebhookEnvelope first = send(Provider.STANDARD, "msg_1", "{}", T0);
        // another key moves stream time far ahead, as a skewed ingest clock would
        send(Provider.STANDARD, "msg_2", "{}", T0.plus(Duration.ofHours(30)));
        send(Provider.STANDARD, "msg_1", "{}", T0.minus(Duration.ofMinutes(5)));

        assertThat(uniqueEventIds()).hasSize(2).contains(first.eventId());
        assertThat(duplicates.readValue().originalEventId()).isEqualTo(first.eventId());
    }

    @Test
    void deliveryOlderThanTheRetentionHorizonIsStillStored() {
        start(Map.of());
        send(Provider.GITHUB, "new", "{}", T0.plus(Duration.ofDays(10)));
        WebhookEnvelope old = send(Provider.GITHUB, "old", "{}", T0);
        WebhookEnvelope retry = send(Provider.GITHUB, "old", "{}", T0.plusSeconds(1));

        // A put stamped with the record's own old time would fall into an expired segment and vanish.
        assertThat(storedEntries("github:old")).extracting(DedupEntry::eventId).containsExactly(old.eventId());
        assertThat(uniqueEventIds()).hasSize(2).doesNotContain(retry.eventId());
        assertThat(duplicates.readValue().originalEventId()).isEqualTo(old.eventId());
    }

    @Test
    void forgottenKeyIsProcessedAnewAsANewEvent() {
        start(Map.of());
        WebhookEnvelope first = send(Provider.CUSTOM, "k1", "{}", T0);
        commands.pipeInput("custom:k1", Command.FORGET, T0.plusSeconds(1));
        WebhookEnvelope again = send(Provider.CUSTOM, "k1", "{}", T0.plusSeconds(2));

        assertThat(uniqueEventIds()).containsExactly(first.eventId(), again.eventId());
        assertThat(duplicates.isEmpty()).isTrue();
        assertThat(counter(StatsCounters.FORGOTTEN_KEYS)).isEqualTo(1);
        assertThat(counter(StatsCounters.TOTAL_KEYS)).isEqualTo(2);
    }

    @Test
    void forgetOfAnUnknownKeyChangesNothingElse() {
        start(Map.of());
        WebhookEnvelope kept = send(Provider.CUSTOM, "k1", "{}", T0);
        commands.pipeInput("custom:other", Command.FORGET, T0.plusSeconds(1));
        send(Provider.CUSTOM, "k1", "{}", T0.plusSeconds(2));

        assertThat(uniqueEventIds()).containsExactly(kept.eventId());
        assertThat(counter(StatsCounters.FORGOTTEN_KEYS)).isZero();
    }

    @Test
    void disabledIdempotencyPassesEveryDeliveryThroughAndStillWritesTheStore() {
        start(Map.of("IDEMPOTENCY_ENABLED", "false"));
        WebhookEnvelope first = send(Provider.STRIPE, "evt_1", "{}", T0);
        WebhookEnvelope second = send(Provider.STRIPE, "evt_1", "{}", T0.plusSeconds(1));

        assertThat(uniqueEventIds()).containsExactly(first.eventId(), second.eventId());
        assertThat(duplicates.isEmpty()).isTrue();
        assertThat(storedEntries("stripe:evt_1")).extracting(DedupEntry::eventId).containsExactly(second.eventId());
    }
}
