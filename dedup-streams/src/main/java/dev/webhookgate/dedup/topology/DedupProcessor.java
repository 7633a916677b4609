package dev.webhookgate.dedup.topology;

import dev.webhookgate.contract.verdict.DeliveryOutcome;
import dev.webhookgate.contract.DuplicateRecord;
import dev.webhookgate.contract.Verdict;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.runtime.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides each inbound delivery and routes it to unique or duplicates; every delivery writes the store. */
public final class DedupProcessor implements Processor<String, InboundDelivery, String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(DedupProcessor.class);

    private final DedupRules rules;
    private final long retentionMs;
    private final DecisionListener listener;
    private final ProgressListener progress;
    private final Names names;
    /** Null when tracing is off: the one check the hot path pays. */
    private final Tracer tracer;
    private ProcessorContext<String, byte[]> context;
    private WindowStore<String, ValueAndTimestamp<DedupEntry>> store;
    private KeyValueStore<String, Long> stats;

    /** Store and sink names, as the topology declares them. */
    public record Names(String keyStore, String statsStore, String uniqueSink, String duplicatesSink) {
    }

    public DedupProcessor(DedupRules rules, long retentionMs, DecisionListener listener, ProgressListener progress, Names names,
                          Tracing tracing) {
        this.tracer = tracing.on() ? tracing.tracer() : null;
        this.rules = rules;
        this.retentionMs = retentionMs;
        this.listener = listener;
        this.progress = progress;
        this.names = names;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(names.keyStore());
        this.stats = context.getStateStore(names.statsStore());
    }

    @Override
    public void process(Record<String, InboundDelivery> record) {
        InboundDelivery delivery = record.value();
        if (delivery == null) {
            log.warn("skipping inbound record without a value (key {})", record.key());
            return;
        }
        RecordMetadata source = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("an inbound record always has its source partition and offset"));
        if (tracer == null) {
            process(record, delivery, source, null);
            return;
        }
        Span span = DedupSpan.start(tracer, record.headers(), source);
        try (Scope ignored = span.makeCurrent()) {
            process(record, delivery, source, span);
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** @param span this record's span, or null when tracing is off */
    private void process(Record<String, InboundDelivery> record, InboundDelivery delivery, RecordMetadata source, Span span) {
        String key = delivery.kafkaKey();
        Optional<KeyValue<Long, DedupEntry>> current = KeyWindows.latest(store, key);
        DedupRules.Decision decision = rules.decide(current.map(kv -> kv.value), delivery, source.partition(), source.offset());
        DedupEntry entry = span == null ? decision.entry() : DedupSpan.decided(span, decision, delivery.eventId());
        Record<String, InboundDelivery> out = span == null ? record : record.withHeaders(DedupSpan.passedOn(span, record.headers()));

        long streamTime = Math.max(context.currentStreamTimeMs(), record.timestamp());
        // An entry keeps its window while it lives, so a key never holds two live copies; a renewed TTL (or a
        // new key) takes the delivery's own time, which decides when retention drops it.
        long wanted = current.isEmpty() ? record.timestamp()
                : decision.renewed() ? Math.max(record.timestamp(), current.get().key) : current.get().key;
        // Every delivery puts, duplicates and replays included: the verdict's read-your-writes wait watches
        // the store's position, which only a put moves.
        store.put(key, ValueAndTimestamp.make(entry, record.timestamp()),
                KeyWindows.liveWindowStart(wanted, streamTime, retentionMs));
        // The put has moved the store's position to this offset: wake the verdicts waiting for it.
        progress.processed(source.topic(), source.partition(), source.offset(), key, entry);

        if (decision.outcome() == DeliveryOutcome.FIRST) {
            // the ingest's own bytes: unique carries exactly the envelope that was accepted
            context.forward(out.withValue(delivery.raw()), names.uniqueSink());
        } else {
            Verdict verdict = decision.outcome() == DeliveryOutcome.DUPLICATE ? Verdict.DUPLICATE : Verdict.CONFLICT;
            DuplicateRecord audit = new DuplicateRecord(ContractJson.envelope(delivery.raw()), verdict, decision.entry().eventId());
            context.forward(out.withValue(ContractJson.duplicate(audit)), names.duplicatesSink());
        }
        if (decision.replay()) {
            log.debug("Idempotency replay of already applied record {}-{} for {}", source.partition(), source.offset(), key);
            return;
        }
        count(decision, key);
        listener.decided(delivery.provider(), decision.outcome());
        if (decision.outcome() == DeliveryOutcome.DUPLICATE) {
            long gap = delivery.receivedAt().toEpochMilli() - decision.entry().firstSeen().toEpochMilli();
            listener.duplicateGap(delivery.provider(), Math.max(0, gap));
        } else if (decision.renewed() && rules.expiredLessThanOneTtlAgo(current.get().value, delivery)) {
            listener.expiredRedelivery(delivery.provider());
        }
    }

    @Override
    public void close() {
        progress.released(context.taskId().partition());
    }

    private void count(DedupRules.Decision decision, String key) {
        switch (decision.outcome()) {
            case FIRST -> {
                StatsCounters.increment(stats, StatsCounters.TOTAL_KEYS);
                log.debug("Idempotency key is new: {}", key);
            }
            case DUPLICATE -> {
                StatsCounters.increment(stats, StatsCounters.DUPLICATES_DROPPED);
                log.debug("Idempotency cache hit: {} (original event {})", key, decision.entry().eventId());
            }
            case CONFLICT -> {
                StatsCounters.increment(stats, StatsCounters.CONFLICTS);
                log.debug("Idempotency key reused with another body: {} (original event {})", key, decision.entry().eventId());
            }
        }
    }
}
