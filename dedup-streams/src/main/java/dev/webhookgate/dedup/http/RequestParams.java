package dev.webhookgate.dedup.http;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.http.ApiException;
import java.time.Duration;

/** Parsing of path and query values shared by the verdict, internal and ops routes. */
public final class RequestParams {

    /** The verdict protocol's cap: the ingest's whole answer must come within Shopify's 5 s. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);

    private RequestParams() {
    }

    public static DedupKey key(String provider, String key) {
        Provider known = Provider.fromId(provider)
                .orElseThrow(() -> new ApiException(404, "unknown_provider", "Unknown provider \"" + provider + "\"."));
        if (!DedupKey.isValidKey(key)) {
            throw ApiException.badRequest("invalid_idempotency_key", "Invalid idempotency key format: " + key);
        }
        return new DedupKey(known, key);
    }

    public static long nonNegative(String name, String value) {
        if (value == null) {
            throw ApiException.badRequest("invalid_request", "Query parameter " + name + " is required.");
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("invalid_request", name + " must be a whole number >= 0, got \"" + value + "\".");
    }

    public static int partition(String value) {
        long parsed = nonNegative("partition", value);
        if (parsed > Integer.MAX_VALUE) {
            throw ApiException.badRequest("invalid_request", "partition is out of range: " + value);
        }
        return (int) parsed;
    }

    public static Duration waitMs(String value) {
        if (value == null) {
            return DEFAULT_WAIT;
        }
        Duration wanted = Duration.ofMillis(nonNegative("wait_ms", value));
        return wanted.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wanted;
    }
}
