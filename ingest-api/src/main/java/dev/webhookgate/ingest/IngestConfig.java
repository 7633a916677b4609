package dev.webhookgate.ingest;

import dev.webhookgate.runtime.config.IdempotencyEnv;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.ProviderProfile;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.contract.IdempotencySettings;
import dev.webhookgate.http.access.AccessTokens;
import dev.webhookgate.ingest.signature.SignatureCheck;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the ingest reads from the environment, validated once at start-up.
 *
 * @param secrets the signing secrets per provider, read from its {@link ProviderProfile#secretVariable()}; a
 *     provider missing here is not checked (or, with {@code requireSignatures}, always refused)
 * @param publicBaseUrl the scheme and host Twilio signs; empty means "the URL the request arrived on"
 * @param access {@code OPS_TOKEN} guards /metrics; {@code INTERNAL_TOKEN} is sent with every verdict query
 */
public record IngestConfig(
        KafkaClientSettings kafka,
        Topics topics,
        IdempotencySettings idempotency,
        Map<Provider, List<String>> secrets,
        Optional<URI> publicBaseUrl,
        boolean requireSignatures,
        Duration verdictTimeout,
        URI dedupUrl,
        int port,
        int maxBodyBytes,
        AccessTokens access) {

    /**
     * The most a verdict wait may take. The request's {@link AnswerDeadline} bounds the whole answer on its own;
     * this keeps a setting that could never be honoured from reading as if it were.
     */
    public static final Duration MAX_VERDICT_TIMEOUT = Duration.ofMillis(4000);

    public IngestConfig {
        EnumMap<Provider, List<String>> copy = new EnumMap<>(Provider.class);
        secrets.forEach((provider, list) -> {
            if (!list.isEmpty()) {
                copy.put(provider, List.copyOf(list));
            }
        });
        secrets = Collections.unmodifiableMap(copy);
        secrets.forEach((provider, list) -> {
            for (String secret : list) {
                SignatureCheck.schemeFor(provider).secretProblem(secret).ifPresent(problem -> {
                    throw new ConfigException(ProviderProfile.of(provider).secretVariable() + " " + problem);
                });
            }
        });
    }

    public static IngestConfig from(Env env) {
        Map<Provider, List<String>> secrets = new EnumMap<>(Provider.class);
        for (Provider provider : Provider.values()) {
            secrets.put(provider, env.list(ProviderProfile.of(provider).secretVariable()));
        }
        return new IngestConfig(
                KafkaClientSettings.from(env),
                new Topics(env.string("TOPIC_PREFIX", Topics.DEFAULT_PREFIX)),
                IdempotencyEnv.read(env),
                secrets,
                env.optional("PUBLIC_BASE_URL").map(raw -> env.httpUrl("PUBLIC_BASE_URL", raw)),
                env.bool("REQUIRE_SIGNATURES", false),
                Duration.ofMillis(env.longInRange("VERDICT_TIMEOUT_MS", 2000, 0, MAX_VERDICT_TIMEOUT.toMillis())),
                env.httpUrl("DEDUP_URL", "http://localhost:8081"),
                env.port("INGEST_PORT", 8080),
                env.intInRange("MAX_BODY_BYTES", 524_288, 1, maxBodyLimit()),
                AccessTokens.from(env::optional));
    }

    /** Larger bodies would not fit the topics' max.message.bytes once escaped into the envelope. */
    private static int maxBodyLimit() {
        return Topics.MAX_MESSAGE_BYTES / 4;
    }

    public List<String> secretsFor(Provider provider) {
        return secrets.getOrDefault(provider, List.of());
    }
}
