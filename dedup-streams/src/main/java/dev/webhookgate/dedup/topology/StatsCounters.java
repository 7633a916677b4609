package dev.webhookgate.dedup.topology;

import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counters since the store began, kept in a changelogged key-value store per partition so that they live
 * in Kafka and survive restarts and moves between instances; the ops API sums them over partitions.
 */
public final class StatsCounters {

    public static final String TOTAL_KEYS = "total_keys";
    public static final String DUPLICATES_DROPPED = "duplicates_dropped";
    public static final String CONFLICTS = "conflicts";
    public static final String FORGOTTEN_KEYS = "forgotten_keys";
    public static final List<String> ALL = List.of(TOTAL_KEYS, DUPLICATES_DROPPED, CONFLICTS, FORGOTTEN_KEYS);

    private StatsCounters() {
    }

    public static void increment(KeyValueStore<String, Long> store, String counter) {
        Long current = store.get(counter);
        store.put(counter, current == null ? 1L : current + 1);
    }
}
