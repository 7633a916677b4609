package dev.webhookgate.dedup.lookup;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.dedup.topology.DedupTopology;
import dev.webhookgate.dedup.topology.DedupEntry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers from this instance when it owns the key's partition, else asks the owner once. A request that
 * was already forwarded is never forwarded again: if ownership moved meanwhile the read fails with {@link StoreNotReadyException}.
 */
public final class RoutedKeyLookup {

    private final StreamsRef streams;
    private final LocalKeyLookup local;
    private final PeerClient peers;
    private final IntSupplier partitionCount;

    /** @param partitionCount inbound's partitions: a partition a caller names is checked against it before Streams is asked */
    public RoutedKeyLookup(StreamsRef streams, LocalKeyLookup local, PeerClient peers, IntSupplier partitionCount) {
        this.streams = streams;
        this.local = local;
        this.peers = peers;
        this.partitionCount = partitionCount;
    }

    /** The partition the ingest's default partitioner put this key in. */
    public int partitionOf(DedupKey key) {
        return owner(key, null).partition();
    }

    /**
     * The instance that owns {@code partition} when it is another one, empty when it is this one; fails with
     * {@link StoreNotReadyException} while nobody holds it (rebalance, restore), {@link NoSuchPartitionException}
     * for a partition inbound does not have.
     */
    public Optional<HostInfo> remoteOwner(DedupKey key, int partition) {
        HostInfo owner = owner(key, partition).activeHost();
        return owner.equals(streams.self()) ? Optional.empty() : Optional.of(owner);
    }

    /** For a partition {@link #remoteOwner} just placed here: the local read, without locating the owner again. */
    public CompletableFuture<Optional<DedupEntry>> readHere(DedupKey key, int partition, PositionMark mark, Duration wait) {
        return local.read(key, partition, Optional.of(mark), wait);
    }

    public CompletableFuture<Optional<DedupEntry>> read(DedupKey key, int partition, Optional<PositionMark> mark, Duration wait,
                                                        boolean forwarded) {
        KeyQueryMetadata owner;
        try {
            owner = owner(key, partition);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (owner.activeHost().equals(streams.self())) {
            return local.read(key, partition, mark, wait);
        }
        if (forwarded) {
            return CompletableFuture.failedFuture(movedWhileForwarded(partition));
        }
        return peers.entry(owner.activeHost(), key, partition, mark, wait);
    }

    /** A forwarded read whose partition this instance does not own (any more): forwarding again could loop. */
    public static StoreNotReadyException movedWhileForwarded(int partition) {
        return new StoreNotReadyException("Partition " + partition + " moved while this query was forwarded; ask again.");
    }

    /** {@code partition == null}: the key's own partition by the default partitioner. */
    private KeyQueryMetadata owner(DedupKey key, Integer partition) {
        if (partition != null) {
            // Streams answers a partition that does not exist with an "unavailable:-1" host, not an error
            int partitions = partitionCount.getAsInt();
            if (partition >= partitions) {
                throw new NoSuchPartitionException("partition must be from 0 to " + (partitions - 1)
                        + " (the inbound topic has " + partitions + " partitions), got " + partition + ".");
            }
        }
        KeyQueryMetadata metadata;
        try {
            metadata = partition == null
                    ? streams.streams().queryMetadataForKey(DedupTopology.KEY_STORE, key.kafkaKey(), Serdes.String().serializer())
                    : streams.streams().queryMetadataForKey(DedupTopology.KEY_STORE, key.kafkaKey(),
                            (topic, k, v, partitions) -> Optional.of(Set.of(partition)));
        } catch (StreamsException | IllegalStateException e) {
            throw new StoreNotReadyException("The dedup store cannot locate keys right now: " + e.getMessage());
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            throw new StoreNotReadyException("No instance holds the partition of " + key + " right now (rebalancing or restoring).");
        }
        return metadata;
    }
}
