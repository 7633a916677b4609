package dev.webhookgate.contract;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The idempotency rules the ingest reports and dedup-streams enforces. Both services read them from the
 * same variables ({@code dev.webhookgate.runtime.config.IdempotencyEnv} in service-runtime), so they
 * cannot disagree; this record is what they agree on, without knowing where it came from.
 *
 * <p>Provider defaults never fall below the provider's retry window ({@link ProviderProfile#retryWindow()}),
 * because a TTL shorter than the retry window turns a late retry into a second payment. An explicit
 * {@code IDEMPOTENCY_TTL_<PROVIDER>} always wins.
 */
public record IdempotencySettings(boolean enabled, String header, Duration defaultTtl, Map<Provider, Duration> ttlByProvider) {

    public static final String DEFAULT_HEADER = "X-Idempotency-Key";
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    public IdempotencySettings {
        EnumMap<Provider, Duration> complete = new EnumMap<>(Provider.class);
        for (Provider provider : Provider.values()) {
            complete.put(provider, ttlByProvider.getOrDefault(provider, defaultTtl));
        }
        ttlByProvider = Collections.unmodifiableMap(complete);
    }

    /** A provider's TTL when none is set for it: the default, lifted to the provider's retry window. */
    public static Duration providerDefault(Provider provider, Duration defaultTtl) {
        return ProviderProfile.of(provider).retryWindow().filter(window -> window.compareTo(defaultTtl) > 0).orElse(defaultTtl);
    }

    public Duration ttlFor(Provider provider) {
        return ttlByProvider.get(provider);
    }

    public Duration longestTtl() {
        return ttlByProvider.values().stream().max(Duration::compareTo).orElse(defaultTtl);
    }
}
