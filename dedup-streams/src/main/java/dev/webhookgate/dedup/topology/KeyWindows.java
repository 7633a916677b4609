package dev.webhookgate.dedup.topology;

import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * How a key's entry sits in the window store. The window start is bookkeeping for retention only; the
 * TTL is applied to the entry's own {@code firstSeen}, and a key is always looked up across the whole
 * retention, not in {@code [ts - ttl, ts]}, so skewed clocks between ingest instances cannot hide it.
 */
final class KeyWindows {

    private KeyWindows() {
    }

    /** The newest window of the key: windows only ever move forward, so it holds the current entry. */
    static Optional<KeyValue<Long, DedupEntry>> latest(WindowStore<String, ValueAndTimestamp<DedupEntry>> store, String key) {
        try (WindowStoreIterator<ValueAndTimestamp<DedupEntry>> windows = store.backwardFetch(key, 0L, Long.MAX_VALUE)) {
            while (windows.hasNext()) {
                KeyValue<Long, ValueAndTimestamp<DedupEntry>> window = windows.next();
                if (window.value != null && window.value.value() != null) {
                    return Optional.of(KeyValue.pair(window.key, window.value.value()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A put below {@code streamTime - retention} lands in an expired segment and is silently dropped, and
     * the store's position only moves on a put that lands. Every put is therefore stamped no earlier than
     * the oldest live instant.
     */
    static long liveWindowStart(long wanted, long streamTime, long retentionMs) {
        return Math.max(wanted, streamTime - retentionMs + 1);
    }
}
