package dev.webhookgate.dedup;

import dev.webhookgate.runtime.config.IdempotencyEnv;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.contract.IdempotencySettings;
import dev.webhookgate.http.KafkaMeters;
import dev.webhookgate.http.access.AccessTokens;
import dev.webhookgate.runtime.kafka.KafkaAccess;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything dedup-streams reads at start-up, validated once.
 *
 * @param advertisedUrl empty means {@code http://127.0.0.1:<actual port>}, known only once HTTP has started
 * @param replicationFactor {@code <= 0} means the broker's default
 * @param instanceId        static group membership ({@code DEDUP_INSTANCE_ID}, optional, one per instance): a restarted
 *                          process with the same id takes its tasks back at once instead of waiting out the dead
 *                          member's session, so its verdicts come back in seconds after a crash
 * @param standbyReplicas   warm copies of each store on other instances ({@code NUM_STANDBY_REPLICAS}, default 0): an
 *                          instance that dies has its partitions taken over from a copy already caught up, with no
 *                          restore from the changelog
 * @param sessionTimeout    how long the group waits for a silent member before moving its partitions
 *                          ({@code DEDUP_SESSION_TIMEOUT_MS}, default Kafka's 45 s; the broker allows 6 s and up): with
 *                          standbys and no instance id, this is most of the time from a crash to verdicts again
 * @param commitInterval    how often Streams commits ({@code DEDUP_COMMIT_INTERVAL_MS}, default Kafka's: 100 ms under
 *                          exactly_once_v2, where it is a transaction's length, and 30 s under at_least_once, where it
 *                          bounds what a crashed instance reads and decides again)
 * @param kafkaMetricsRefresh how often Kafka's Streams metrics are looked for anew ({@code KafkaMeters})
 */
public record DedupConfig(
        KafkaClientSettings kafka,
        Topics topics,
        IdempotencySettings idempotency,
        String processingGuarantee,
        String applicationId,
        Path dataDir,
        int port,
        Optional<URI> advertisedUrl,
        AccessTokens access,
        short replicationFactor,
        Optional<String> instanceId,
        int standbyReplicas,
        Optional<Duration> sessionTimeout,
        Optional<Duration> commitInterval,
        Duration kafkaMetricsRefresh) {

    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    public static final String AT_LEAST_ONCE = "at_least_once";

    /**
     * How far a delivery's timestamp may lag its partition's newest one and still find its key: covers
     * clock skew between ingest instances. The window store keeps entries for the longest TTL plus this.
     */
    public static final Duration GRACE = Duration.ofHours(1);

    public static DedupConfig from(Env env) {
        String guarantee = env.string("PROCESSING_GUARANTEE", EXACTLY_ONCE_V2).toLowerCase(Locale.ROOT);
        if (!guarantee.equals(EXACTLY_ONCE_V2) && !guarantee.equals(AT_LEAST_ONCE)) {
            throw new ConfigException("PROCESSING_GUARANTEE must be exactly_once_v2 or at_least_once, got \""
                    + env.string("PROCESSING_GUARANTEE", "") + "\"");
        }
        String applicationId = kafkaName("APPLICATION_ID", env.string("APPLICATION_ID", KafkaAccess.DEFAULT_APPLICATION_ID));
        Optional<String> instanceId = env.optional("DEDUP_INSTANCE_ID").map(id -> kafkaName("DEDUP_INSTANCE_ID", id));
        Optional<URI> advertised = env.optional("DEDUP_ADVERTISED_URL").map(v -> env.httpUrl("DEDUP_ADVERTISED_URL", v));
        advertised.ifPresent(uri -> {
            if (uri.getPort() < 0) {
                throw new ConfigException("DEDUP_ADVERTISED_URL must name a port, such as http://dedup-1:8081, got \"" + uri + "\"");
            }
        });
        return new DedupConfig(
                KafkaClientSettings.from(env),
                new Topics(env.string("TOPIC_PREFIX", Topics.DEFAULT_PREFIX)),
                IdempotencyEnv.read(env),
                guarantee,
                applicationId,
                Path.of(env.string("DATA_DIR", "./data")),
                env.port("DEDUP_PORT", 8081),
                advertised,
                AccessTokens.from(env::optional),
                (short) env.intInRange("TOPIC_REPLICATION_FACTOR", -1, 1, Short.MAX_VALUE),
                instanceId,
                env.intInRange("NUM_STANDBY_REPLICAS", 0, 0, 10),
                env.optional("DEDUP_SESSION_TIMEOUT_MS").map(v -> Duration.ofMillis(env.intInRange("DEDUP_SESSION_TIMEOUT_MS", 45_000, 1_000, 1_800_000))),
                env.optional("DEDUP_COMMIT_INTERVAL_MS").map(v -> Duration.ofMillis(env.intInRange("DEDUP_COMMIT_INTERVAL_MS", 100, 10, 600_000))),
                KafkaMeters.refresh(env));
    }

    /** Both end up in Kafka names (group, transactional and instance ids, internal topics): keep to what those accept. */
    private static String kafkaName(String variable, String value) {
        if (!value.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new ConfigException(variable + " may hold only letters, digits, '.', '_' and '-', got \"" + value + "\"");
        }
        return value;
    }

    public Path stateDir() {
        return dataDir.resolve("streams");
    }

    /** Long enough for the longest TTL, plus the grace for late timestamps. */
    public Duration retention() {
        return idempotency.longestTtl().plus(GRACE);
    }
}
