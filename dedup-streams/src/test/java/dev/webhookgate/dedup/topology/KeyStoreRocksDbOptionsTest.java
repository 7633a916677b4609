package dev.webhookgate.dedup.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.runtime.config.Env;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Options;

class KeyStoreRocksDbOptionsTest {

    private final KeyStoreRocksDbOptions setter = new KeyStoreRocksDbOptions();

    /** As Kafka Streams hands the options to a config setter: a block-based table with its own Bloom filter. */
    private static Options streamsDefaults(BloomFilter filter) {
        BlockBasedTableConfig table = new BlockBasedTableConfig();
        table.setFilterPolicy(filter);
        return new Options().setTableFormatConfig(table);
    }

    @Test
    void theKeyStoresSegmentsLoseTheBloomFilterNoRangeReadUses() {
        try (BloomFilter filter = new BloomFilter(); Options options = streamsDefaults(filter)) {
            setter.setConfig(DedupTopology.KEY_STORE + ".1764633600000", options, Map.of());

            assertThat(((BlockBasedTableConfig) options.tableFormatConfig()).filterPolicy()).isNull();
        }
    }

    @Test
    void otherStoresKeepStreamsDefaults() {
        try (BloomFilter filter = new BloomFilter(); Options options = streamsDefaults(filter)) {
            setter.setConfig(DedupTopology.STATS_STORE, options, Map.of());

            assertThat(((BlockBasedTableConfig) options.tableFormatConfig()).filterPolicy()).isSameAs(filter);
        }
    }

    @Test
    void theServiceConfigurationNamesTheSetter(@TempDir Path stateDir) {
        DedupConfig config = DedupConfig.from(new Env(Map.of("DATA_DIR", stateDir.toString())));
        Properties props = DedupTopology.streamsConfig(config, "127.0.0.1:1");

        assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(KeyStoreRocksDbOptions.class);
    }
}
