package dev.webhookgate.orders.consume;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.DeadLetter;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.orders.ledger.BatchResult;
import dev.webhookgate.orders.ledger.DecidedEvent;
import dev.webhookgate.orders.ledger.LedgerRefusedException;
import dev.webhookgate.orders.ledger.LedgerUnavailableException;
import dev.webhookgate.orders.ledger.LedgerWriter;
import dev.webhookgate.http.KafkaMeters;
import dev.webhookgate.orders.mapping.EventMapping;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import dev.webhookgate.runtime.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread: poll a batch, dead-letter its poison, write the rest in one DB transaction, then
 * commit the offsets. When the ledger (or the DLQ) is down, the batch is rewound, every partition is
 * paused and polling goes on so the group keeps this member; the partitions resume once the database
 * answers again and the same records are read again. Their processed-events rows make that safe.
 */
public final class OrderConsumerLoop implements ConsumerWorker {

    private static final Logger log = LoggerFactory.getLogger(OrderConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    /**
     * Longer than any batch can take (a dead-letter wait is at most 30 s, a ledger transaction far less): a loop
     * that has not come back to poll for this long is stuck, and readiness says so.
     */
    static final Duration STUCK_AFTER = Duration.ofSeconds(45);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final EventMapping mapper;
    private final LedgerWriter ledger;
    private final DeadLetterPublisher deadLetters;
    private final Clock clock;
    private final ConsumerMetrics metrics;
    private final KafkaMeters clientMetrics;
    /** Null when tracing is off: the one check a batch pays. */
    private final Tracer tracer;
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile boolean stopped;
    /** Set by the first assignment (an empty one counts: the group has more members than partitions). */
    private volatile boolean joined;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile String pauseReason;
    private final String clientId;
    private final String groupId;
    private Instant nextRetry = Instant.MIN;

    public OrderConsumerLoop(Settings settings, EventMapping mapper, LedgerWriter ledger, DeadLetterPublisher deadLetters,
                             Clock clock, MeterRegistry registry, Tracing tracing) {
        this.tracer = tracing.on() ? tracing.tracer() : null;
        this.consumer = new KafkaConsumer<>(consumerProperties(settings), new StringDeserializer(), new ByteArrayDeserializer());
        // lag per partition (kafka_consumer_fetch_manager_records_lag), for deploy/prometheus/alerts.yml
        this.clientMetrics = KafkaMeters.bind(settings.clientId(), settings.metricsRefresh(), registry,
                (refresher, every) -> new KafkaClientMetrics(consumer, List.of(), refresher, every));
        this.topic = settings.topic();
        this.clientId = settings.clientId();
        this.groupId = settings.groupId();
        this.mapper = mapper;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.metrics = new ConsumerMetrics(registry);
    }

    /** The Kafka side of the loop's configuration. */
    public record Settings(KafkaClientSettings kafka, String topic, String groupId, String clientId, int batchSize,
                           Optional<String> instanceId, Duration metricsRefresh) {
    }

    static Properties consumerProperties(Settings settings) {
        Properties props = settings.kafka().clientProperties(settings.clientId());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        // offsets move only after the DB commit; records of aborted dedup transactions are never seen
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        settings.instanceId().ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        return props;
    }

    @Override
    public boolean isHealthy() {
        return problem() == null;
    }

    /** Null while the consumer is in its group and polling with its partitions running; else what is not. */
    @Override
    public String problem() {
        if (!running || stopped) {
            return "consumer " + clientId + " has stopped";
        }
        if (paused) {
            return "consumer " + clientId + " paused its partitions: " + pauseReason;
        }
        if (!joined) {
            return "consumer " + clientId + " has not joined group " + groupId + " yet (no partitions assigned)";
        }
        long quietSeconds = Duration.ofNanos(System.nanoTime() - lastPollNanos).toSeconds();
        if (quietSeconds >= STUCK_AFTER.toSeconds()) {
            return "consumer " + clientId + " has not polled for " + quietSeconds + " s";
        }
        return null;
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new PauseNewPartitionsWhilePaused());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                lastPollNanos = System.nanoTime();
                if (paused) {
                    rewind(records);
                    tryResume();
                } else if (!records.isEmpty()) {
                    handle(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            stopped = true;
            clientMetrics.close();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Stops the loop from another thread; the loop closes its consumer itself. */
    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void handle(ConsumerRecords<String, byte[]> records) {
        long started = System.nanoTime();
        LedgerSpans spans = tracer == null ? null : LedgerSpans.start(tracer, topic, records);
        try (Scope ignored = spans == null ? null : spans.makeCurrent()) {
            BatchResult result = process(records);
            commit(records);
            metrics.record(result, Duration.ofNanos(System.nanoTime() - started));
            if (spans != null) {
                spans.committed();
            }
        } catch (LedgerUnavailableException | DeadLetterUnavailableException | LedgerRefusedException e) {
            if (spans != null) {
                spans.failed(e);
            }
            // a refusal that survives the one-by-one pass is a row docs/api.md rules out (an oversized key): the
            // operator has to look, so it waits like an outage instead of being dropped
            log.warn("pausing {} partitions and retrying every {}: {}", consumer.assignment().size(), RETRY_EVERY, e.getMessage());
            rewind(records);
            consumer.pause(consumer.assignment());
            pauseReason = e instanceof DeadLetterUnavailableException ? "the dead-letter topic did not take a record"
                    : "the ledger database is not reachable";
            paused = true;
            metrics.paused();
            nextRetry = clock.instant().plus(RETRY_EVERY);
        }
    }

    private BatchResult process(ConsumerRecords<String, byte[]> records) {
        List<DecidedEvent> events = new ArrayList<>(records.count());
        List<DeadLetterPublisher.RawDeadLetter> raw = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            WebhookEnvelope envelope;
            try {
                envelope = ContractJson.envelope(record.value() == null ? new byte[0] : record.value());
            } catch (IllegalArgumentException | DateTimeException e) {
                raw.add(new DeadLetterPublisher.RawDeadLetter(record.key(), record.value(),
                        "record at " + record.topic() + "/" + record.partition() + "@" + record.offset() + " is not an envelope: " + e.getMessage()));
                continue;
            }
            events.add(DecidedEvent.decide(mapper, envelope, record.topic(), record.partition(), record.offset()));
        }
        publishDeadLetters(events, raw);
        try {
            return ledger.write(events);
        } catch (LedgerRefusedException e) {
            return writeOneByOne(events, e);
        }
    }

    /**
     * The batch held an event the database refuses although the mapper let it through (a value too long for
     * its column): write the events one transaction each, and dead-letter the one that is refused, so the
     * partition keeps moving.
     */
    private BatchResult writeOneByOne(List<DecidedEvent> events, LedgerRefusedException cause) {
        log.warn("{}; writing its events one by one to isolate the refused one", cause.getMessage());
        BatchResult total = BatchResult.NONE;
        for (DecidedEvent event : events) {
            try {
                total = total.plus(ledger.write(List.of(event)));
            } catch (LedgerRefusedException refused) {
                DecidedEvent dead = DecidedEvent.deadLettered(event.envelope(), "the ledger refused the event: "
                        + refused.getCause().getMessage(), event.topic(), event.partition(), event.offset());
                publishDeadLetters(List.of(dead), List.of());
                total = total.plus(ledger.write(List.of(dead)));
            }
        }
        return total;
    }

    /** Letters for events whose row exists were written before that row, in an earlier life: never twice. */
    private void publishDeadLetters(List<DecidedEvent> events, List<DeadLetterPublisher.RawDeadLetter> raw) {
        List<DecidedEvent> poison = events.stream().filter(e -> e.deadLetterReason() != null).toList();
        Set<String> done = ledger.alreadyProcessed(poison.stream().map(e -> e.envelope().eventId()).toList());
        Instant now = clock.instant();
        List<DeadLetter> letters = poison.stream()
                .filter(e -> !done.contains(e.envelope().eventId()))
                .map(e -> new DeadLetter(e.envelope(), e.deadLetterReason(), now))
                .toList();
        deadLetters.publish(letters, raw);
    }

    private void commit(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            // the DB already holds the batch; whoever reads these offsets again finds every row present
            log.warn("offset commit failed ({}); the {} events will be read again and skipped as processed", e.getMessage(), records.count());
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private void tryResume() {
        if (clock.instant().isBefore(nextRetry)) {
            return;
        }
        if (ledger.reachable()) {
            log.info("ledger database answers again; resuming {} partitions", consumer.paused().size());
            consumer.resume(consumer.paused());
            paused = false;
        } else {
            nextRetry = clock.instant().plus(RETRY_EVERY);
        }
    }

    /** Partitions that arrive in a rebalance during an outage join the pause instead of failing a batch first. */
    private final class PauseNewPartitionsWhilePaused implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            joined = true;
            if (paused) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // each batch is committed before the next poll, so nothing is pending here
        }
    }
}
