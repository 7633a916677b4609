package dev.webhookgate.dedup.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/**
 * RocksDB options of the key store's segments: without the Bloom filter Kafka Streams gives every store
 * (10 bits, about 1.25 bytes per key on disk and in memory). A whole-key Bloom filter only answers point
 * reads, and every read of {@link DedupTopology#KEY_STORE} is a range over one key's windows (the processor's
 * {@code backwardFetch}, the forget command's {@code fetch}, the lookups' {@code WindowKeyQuery} and the stats'
 * {@code WindowRangeQuery}), which seeks an iterator and never consults it. Other stores keep Streams' defaults.
 * Measured in docs/benchmarks-dedup.md ("bytes per key").
 */
public final class KeyStoreRocksDbOptions implements RocksDBConfigSetter {

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        // a window store's segments are named <store>.<segment id>
        if (!storeName.equals(DedupTopology.KEY_STORE) && !storeName.startsWith(DedupTopology.KEY_STORE + ".")) {
            return;
        }
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setFilterPolicy(null);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // creates nothing: the filter it removes belongs to Streams, which closes it with the store
    }
}
