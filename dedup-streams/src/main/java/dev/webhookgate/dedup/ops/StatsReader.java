package dev.webhookgate.dedup.ops;

import dev.webhookgate.dedup.lookup.PeerClient;
import dev.webhookgate.dedup.lookup.StoreNotReadyException;
import dev.webhookgate.dedup.lookup.StreamsRef;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.IdempotencySettings;
import dev.webhookgate.dedup.topology.DedupTopology;
import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.dedup.topology.StatsCounters;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Stats for the ops API. Counters come from the changelogged stats store; active keys are counted by a
 * scan of the key store against the wall clock, since "active now" is a question about now. The scan is
 * linear in the keys held, which is fine for an operator's request and never on the webhook path.
 */
public final class StatsReader {

    private final StreamsRef streams;
    private final PeerClient peers;
    private final IdempotencySettings settings;
    private final Clock clock;
    private final IntSupplier partitionCount;

    /** @param partitionCount inbound's partitions: a sum that did not count each of them once is no answer */
    public StatsReader(StreamsRef streams, PeerClient peers, IdempotencySettings settings, Clock clock, IntSupplier partitionCount) {
        this.streams = streams;
        this.peers = peers;
        this.settings = settings;
        this.clock = clock;
        this.partitionCount = partitionCount;
    }

    /** This instance's active partitions only. */
    public LocalStats local() {
        try {
            return counters().plus(activeKeys());
        } catch (StreamsException e) {
            throw new StoreNotReadyException("The dedup store is not queryable right now: " + e.getMessage());
        }
    }

    /** Every instance's share, summed; an instance that cannot answer fails the whole answer, never a short count. */
    public CompletableFuture<LocalStats> all() {
        List<CompletableFuture<LocalStats>> shares = new ArrayList<>();
        java.util.Collection<StreamsMetadata> instances;
        try {
            instances = streams.streams().metadataForAllStreamsClients();
        } catch (StoreNotReadyException | StreamsException e) {
            return CompletableFuture.failedFuture(e instanceof StoreNotReadyException notReady ? notReady
                    : new StoreNotReadyException("The dedup instances cannot be listed right now: " + e.getMessage()));
        }
        for (StreamsMetadata instance : instances) {
            if (instance.hostInfo().equals(streams.self())) {
                shares.add(CompletableFuture.supplyAsync(this::local));
            } else {
                shares.add(peers.localStats(instance.hostInfo()).thenApply(LocalStats::fromInternalJson));
            }
        }
        if (shares.isEmpty()) {
            return CompletableFuture.failedFuture(new StoreNotReadyException("No dedup instance holds partitions right now."));
        }
        return CompletableFuture.allOf(shares.toArray(CompletableFuture[]::new)).thenApply(done -> {
            LocalStats sum = shares.stream().map(CompletableFuture::join).reduce(LocalStats.empty(), LocalStats::plus);
            String problem = sum.coverageProblem(partitionCount.getAsInt());
            if (problem != null) {
                throw new StoreNotReadyException("The dedup stats cannot be summed right now: " + problem + ".");
            }
            return sum;
        });
    }

    private LocalStats counters() {
        Map<String, Long> sums = new java.util.HashMap<>();
        Set<Integer> counted = new TreeSet<>();
        for (String counter : StatsCounters.ALL) {
            // Key queries, not a range: the stats store is cached, and only key queries read through the cache.
            StateQueryResult<Long> result = streams.streams().query(
                    StateQueryRequest.inStore(DedupTopology.STATS_STORE).withQuery(KeyQuery.<String, Long>withKey(counter)).requireActive());
            for (Map.Entry<Integer, QueryResult<Long>> partition : result.getPartitionResults().entrySet()) {
                if (ownCount(partition.getValue())) {
                    counted.add(partition.getKey());
                    if (partition.getValue().getResult() != null) {
                        sums.merge(counter, partition.getValue().getResult(), Long::sum);
                    }
                }
            }
        }
        return new LocalStats(sums.getOrDefault(StatsCounters.TOTAL_KEYS, 0L), 0, Map.of(),
                sums.getOrDefault(StatsCounters.DUPLICATES_DROPPED, 0L), sums.getOrDefault(StatsCounters.CONFLICTS, 0L),
                sums.getOrDefault(StatsCounters.FORGOTTEN_KEYS, 0L), List.copyOf(counted));
    }

    private LocalStats activeKeys() {
        Instant now = clock.instant();
        StateQueryResult<KeyValueIterator<Windowed<String>, Object>> result = streams.streams().query(
                StateQueryRequest.inStore(DedupTopology.KEY_STORE)
                        .withQuery(WindowRangeQuery.<String, Object>withWindowStartRange(Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE)))
                        .requireActive());
        Map<Provider, Long> byProvider = new EnumMap<>(Provider.class);
        long active = 0;
        for (QueryResult<KeyValueIterator<Windowed<String>, Object>> partition : result.getPartitionResults().values()) {
            if (!ownCount(partition)) {
                continue;
            }
            try (KeyValueIterator<Windowed<String>, Object> windows = partition.getResult()) {
                while (windows.hasNext()) {
                    KeyValue<Windowed<String>, Object> window = windows.next();
                    DedupEntry entry = window.value instanceof ValueAndTimestamp<?> stamped ? (DedupEntry) stamped.value() : (DedupEntry) window.value;
                    Provider provider = DedupKey.parse(window.key.key()).provider();
                    if (entry != null && !entry.isExpiredAt(now, settings.ttlFor(provider))) {
                        active++;
                        byProvider.merge(provider, 1L, Long::sum);
                    }
                }
            }
        }
        return new LocalStats(0, active, byProvider, 0, 0, 0, List.of());
    }

    /**
     * Whether this partition's answer is this instance's to count. A query over all local partitions that requires
     * the active store answers each standby copy held here with NOT_ACTIVE: its active owner counts it (with
     * NUM_STANDBY_REPLICAS set every instance holds some). Any other failure makes the whole answer 503.
     */
    private static boolean ownCount(QueryResult<?> partition) {
        if (partition.isSuccess()) {
            return true;
        }
        if (partition.getFailureReason() == FailureReason.NOT_ACTIVE) {
            return false;
        }
        throw new StoreNotReadyException("The dedup store is not queryable right now (" + partition.getFailureReason() + ").");
    }
}
