package dev.webhookgate.orders;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.http.KafkaMeters;
import dev.webhookgate.http.access.AccessTokens;
import dev.webhookgate.runtime.kafka.KafkaAccess;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the order consumer reads from the environment, validated once at start-up.
 *
 * @param batchSize     most events per poll and per DB transaction ({@code ORDERS_BATCH_SIZE})
 * @param consumers     consumer threads in this process, each with its own transaction ({@code ORDERS_CONSUMERS})
 * @param poolSize      JDBC connections shared by the consumers and the read API ({@code LEDGER_POOL_SIZE})
 * @param instanceId    static group membership ({@code ORDERS_INSTANCE_ID}, optional): a restarted process with the same
 *                      id takes its partitions back at once instead of waiting out the dead member's session
 * @param access        the bearer tokens guarding the API and /metrics
 * @param kafkaMetricsRefresh how often the consumers' Kafka metrics are looked for anew ({@code KafkaMeters})
 */
public record OrdersConfig(
        KafkaClientSettings kafka,
        Topics topics,
        String groupId,
        Path dataDir,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        int port,
        int batchSize,
        int consumers,
        int poolSize,
        Optional<String> instanceId,
        AccessTokens access,
        Duration kafkaMetricsRefresh) {

    public static final String DEFAULT_GROUP_ID = KafkaAccess.DEFAULT_ORDERS_GROUP_ID;
    public static final int DEFAULT_PORT = 8082;

    public OrdersConfig {
        if (consumers >= poolSize) {
            throw new ConfigException("LEDGER_POOL_SIZE must be larger than ORDERS_CONSUMERS (one connection per consumer plus"
                    + " one for the read API), got " + poolSize + " for " + consumers + " consumers");
        }
    }

    public static OrdersConfig from(Env env) {
        Path dataDir = Path.of(env.string("DATA_DIR", "./data"));
        String url = env.string("LEDGER_JDBC_URL", defaultH2Url(dataDir));
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:h2:")) {
            throw new ConfigException("LEDGER_JDBC_URL must be a jdbc:postgresql: or jdbc:h2: URL, got \"" + url + "\"");
        }
        if (lower.contains("rewritebatchedinserts=true")) {
            throw new ConfigException("LEDGER_JDBC_URL must not set reWriteBatchedInserts=true: its -2 update counts hide"
                    + " which events were already processed");
        }
        String user = env.optional("LEDGER_JDBC_USER").orElse(lower.startsWith("jdbc:h2:") ? "sa" : null);
        String prefix = env.string("TOPIC_PREFIX", Topics.DEFAULT_PREFIX);
        return new OrdersConfig(
                KafkaClientSettings.from(env),
                new Topics(prefix),
                env.string("ORDERS_GROUP_ID", DEFAULT_GROUP_ID),
                dataDir,
                url,
                user,
                env.optional("LEDGER_JDBC_PASSWORD").orElse(""),
                env.port("ORDERS_PORT", DEFAULT_PORT),
                env.intInRange("ORDERS_BATCH_SIZE", 500, 1, 10_000),
                env.intInRange("ORDERS_CONSUMERS", 1, 1, 64),
                env.intInRange("LEDGER_POOL_SIZE", 4, 2, 200),
                env.optional("ORDERS_INSTANCE_ID"),
                AccessTokens.from(env::optional),
                KafkaMeters.refresh(env));
    }

    /** An embedded H2 file under the data dir that speaks enough PostgreSQL for the same migrations. */
    static String defaultH2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("ledger").resolve("ledger").toAbsolutePath().normalize()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }
}
