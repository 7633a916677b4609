package dev.webhookgate.contract.config;

import dev.webhookgate.contract.Provider;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The idempotency rules the ingest reports and dedup-streams enforces, read from the same variables in
 * both so they cannot disagree.
 *
 * <p>Provider defaults never fall below the provider's documented retry window (Stripe retries for 3
 * days, Standard Webhooks senders for about 4), because a TTL shorter than the retry window turns a late
 * retry into a second payment. An explicit {@code IDEMPOTENCY_TTL_<PROVIDER>} always wins.
 */
public record IdempotencySettings(boolean enabled, String header, Duration defaultTtl, Map<Provider, Duration> ttlByProvider) {

    public static final String DEFAULT_HEADER = "X-Idempotency-Key";
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    private static final Map<Provider, Duration> RETRY_WINDOWS = Map.of(
            Provider.STRIPE, Duration.ofDays(3),
            Provider.STANDARD, Duration.ofDays(4));
    private static final Pattern HEADER_TOKEN = Pattern.compile("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$");

    public IdempotencySettings {
        EnumMap<Provider, Duration> complete = new EnumMap<>(Provider.class);
        for (Provider provider : Provider.values()) {
            complete.put(provider, ttlByProvider.getOrDefault(provider, defaultTtl));
        }
        ttlByProvider = Collections.unmodifiableMap(complete);
    }

    public static IdempotencySettings from(Env env) {
        boolean enabled = env.bool("IDEMPOTENCY_ENABLED", true);
        String header = env.string("IDEMPOTENCY_HEADER", DEFAULT_HEADER);
        if (!HEADER_TOKEN.matcher(header).matches()) {
            throw new ConfigException("IDEMPOTENCY_HEADER must be an HTTP header name, got \"" + header + "\"");
        }
        Duration defaultTtl = env.positiveDuration("IDEMPOTENCY_TTL", DEFAULT_TTL);
        Map<Provider, Duration> ttls = new EnumMap<>(Provider.class);
        for (Provider provider : Provider.values()) {
            Duration floor = RETRY_WINDOWS.getOrDefault(provider, defaultTtl);
            Duration providerDefault = floor.compareTo(defaultTtl) > 0 ? floor : defaultTtl;
            ttls.put(provider, env.positiveDuration("IDEMPOTENCY_TTL_" + provider.name(), providerDefault));
        }
        return new IdempotencySettings(enabled, header, defaultTtl, ttls);
    }

    public Duration ttlFor(Provider provider) {
        return ttlByProvider.get(provider);
    }

    public Duration longestTtl() {
        return ttlByProvider.values().stream().max(Duration::compareTo).orElse(defaultTtl);
    }
}
