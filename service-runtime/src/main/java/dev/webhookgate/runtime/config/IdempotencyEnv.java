package dev.webhookgate.runtime.config;

import dev.webhookgate.contract.IdempotencySettings;
import dev.webhookgate.contract.Provider;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads {@link IdempotencySettings} from the variables the ingest and dedup-streams both read. */
public final class IdempotencyEnv {

    private static final Pattern HEADER_TOKEN = Pattern.compile("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$");

    private IdempotencyEnv() {
    }

    public static IdempotencySettings read(Env env) {
        boolean enabled = env.bool("IDEMPOTENCY_ENABLED", true);
        String header = env.string("IDEMPOTENCY_HEADER", IdempotencySettings.DEFAULT_HEADER);
        if (!HEADER_TOKEN.matcher(header).matches()) {
            throw new ConfigException("IDEMPOTENCY_HEADER must be an HTTP header name, got \"" + header + "\"");
        }
        Duration defaultTtl = env.positiveDuration("IDEMPOTENCY_TTL", IdempotencySettings.DEFAULT_TTL);
        Map<Provider, Duration> ttls = new EnumMap<>(Provider.class);
        for (Provider provider : Provider.values()) {
            ttls.put(provider, env.positiveDuration("IDEMPOTENCY_TTL_" + provider.name(),
                    IdempotencySettings.providerDefault(provider, defaultTtl)));
        }
        return new IdempotencySettings(enabled, header, defaultTtl, ttls);
    }
}
