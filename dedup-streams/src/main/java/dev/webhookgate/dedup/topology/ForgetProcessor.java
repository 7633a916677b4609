package dev.webhookgate.dedup.topology;

import dev.webhookgate.contract.Command;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies operator commands from the commands topic, which shares the key store with the dedup step. */
public final class ForgetProcessor implements Processor<String, Command, Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(ForgetProcessor.class);

    private final long retentionMs;
    private final ProgressListener progress;
    private final DedupProcessor.Names names;
    private ProcessorContext<Void, Void> context;
    private WindowStore<String, ValueAndTimestamp<DedupEntry>> store;
    private KeyValueStore<String, Long> stats;

    public ForgetProcessor(long retentionMs, ProgressListener progress, DedupProcessor.Names names) {
        this.retentionMs = retentionMs;
        this.progress = progress;
        this.names = names;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(names.keyStore());
        this.stats = context.getStateStore(names.statsStore());
    }

    @Override
    public void process(Record<String, Command> record) {
        if (record.key() == null || record.value() != Command.FORGET) {
            log.warn("ignoring command {} for key {}", record.value(), record.key());
            return;
        }
        List<Long> windows = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<DedupEntry>> all = store.fetch(record.key(), 0L, Long.MAX_VALUE)) {
            all.forEachRemaining((KeyValue<Long, ValueAndTimestamp<DedupEntry>> window) -> windows.add(window.key));
        }
        for (long windowStart : windows) {
            store.put(record.key(), null, windowStart);
        }
        long streamTime = Math.max(context.currentStreamTimeMs(), record.timestamp());
        // Always one delete at a live instant, so the store's position reaches this command's offset even when
        // the key was already gone; the ops API's DELETE waits on exactly that.
        store.put(record.key(), null, KeyWindows.liveWindowStart(record.timestamp(), streamTime, retentionMs));
        context.recordMetadata().ifPresent(source -> progress.processed(source.topic(), source.partition(), source.offset(), record.key(), null));
        if (!windows.isEmpty()) {
            StatsCounters.increment(stats, StatsCounters.FORGOTTEN_KEYS);
        }
        log.info("Idempotency key forgotten: {}", record.key());
    }
}
