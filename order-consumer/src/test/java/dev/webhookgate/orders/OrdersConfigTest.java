package dev.webhookgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrdersConfigTest {

    @Test
    void defaultsPointAtLocalKafkaAndAnH2FileUnderTheDataDir() {
        OrdersConfig config = OrdersConfig.from(new Env(Map.of("DATA_DIR", "/var/lib/gate")));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.topics().unique()).isEqualTo("webhooks.unique");
        assertThat(config.groupId()).isEqualTo("webhookgate-orders");
        assertThat(config.port()).isEqualTo(8082);
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:" + Path.of("/var/lib/gate/ledger/ledger")).contains("MODE=PostgreSQL");
        assertThat(config.jdbcUser()).isEqualTo("sa");
    }

    @Test
    void environmentOverridesEveryDefault() {
        OrdersConfig config = OrdersConfig.from(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "TOPIC_PREFIX", "shop", "ORDERS_GROUP_ID", "g",
                "LEDGER_JDBC_URL", "jdbc:postgresql://db/ledger", "LEDGER_JDBC_USER", "u", "LEDGER_JDBC_PASSWORD", "p",
                "ORDERS_PORT", "0", "ORDERS_BATCH_SIZE", "2000", "ORDERS_CONSUMERS", "2", "LEDGER_POOL_SIZE", "5")).with("ORDERS_INSTANCE_ID", "orders-a")
                .with("OPS_TOKEN", "o").with("INTERNAL_TOKEN", "i").with("KAFKA_METRICS_REFRESH_MS", "5000"));

        assertThat(config).isEqualTo(new OrdersConfig(dev.webhookgate.runtime.kafka.KafkaClientSettings.plaintext("kafka:9092"), new dev.webhookgate.contract.Topics("shop"), "g",
                Path.of("./data"), "jdbc:postgresql://db/ledger", "u", "p", 0, 2000, 2, 5, java.util.Optional.of("orders-a"),
                new dev.webhookgate.http.access.AccessTokens(java.util.Optional.of("o"), java.util.Optional.of("i")),
                java.time.Duration.ofSeconds(5)));
    }

    @Test
    void aUrlWithRewrittenBatchesIsRefusedBecauseItHidesSkippedRows() {
        assertThatThrownBy(() -> OrdersConfig.from(new Env(Map.of(
                "LEDGER_JDBC_URL", "jdbc:postgresql://db/ledger?reWriteBatchedInserts=true"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LEDGER_JDBC_URL must not set reWriteBatchedInserts");
    }

    @Test
    void badValuesAreSentencesNamingTheVariable() {
        assertThatThrownBy(() -> OrdersConfig.from(new Env(Map.of("LEDGER_JDBC_URL", "mysql://x"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LEDGER_JDBC_URL must be a jdbc:postgresql: or jdbc:h2: URL");
        assertThatThrownBy(() -> OrdersConfig.from(new Env(Map.of("ORDERS_PORT", "eighty"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("ORDERS_PORT must be a whole number");
        assertThatThrownBy(() -> OrdersConfig.from(new Env(Map.of("ORDERS_CONSUMERS", "4", "LEDGER_POOL_SIZE", "4"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LEDGER_POOL_SIZE must be larger than ORDERS_CONSUMERS");
    }
}
