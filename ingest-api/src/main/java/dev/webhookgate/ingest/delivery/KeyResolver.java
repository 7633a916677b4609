package dev.webhookgate.ingest.delivery;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.ProviderProfile;
import dev.webhookgate.contract.IdempotencySettings;
import dev.webhookgate.http.ApiException;
import java.util.Optional;

/**
 * The key rules of docs/api.md: the configured header wins, then {@code Idempotency-Key} (a structured-field
 * string, quotes stripped), then the provider's own delivery id. A present but invalid header is final:
 * falling back past it would deduplicate on a key the sender did not mean.
 */
public final class KeyResolver {

    public static final String STANDARD_HEADER = "Idempotency-Key";

    private final String configuredHeader;

    public KeyResolver(IdempotencySettings settings) {
        this.configuredHeader = settings.header();
    }

    /** @throws ApiException 400 {@code missing_idempotency_key} or {@code invalid_idempotency_key} */
    public String resolve(Provider provider, RequestHeaders headers, Payload payload) {
        return find(provider, headers, payload).orElseThrow(() -> ApiException.badRequest("missing_idempotency_key",
                "No idempotency key: send " + configuredHeader + " (or Idempotency-Key)" + ProviderProfile.of(provider).ownId().hint() + "."));
    }

    /** Like {@link #resolve} but a missing key is no error: with idempotency off a delivery needs none. */
    public Optional<String> find(Provider provider, RequestHeaders headers, Payload payload) {
        // two values would leave the choice of key to whichever one a proxy or this code happens to read first
        for (String name : new String[] {configuredHeader, STANDARD_HEADER, ProviderProfile.of(provider).ownId().header().orElse(null)}) {
            if (name != null && headers.count(name) > 1) {
                throw ApiException.badRequest("invalid_idempotency_key", "Invalid idempotency key format: header " + name
                        + " is sent " + headers.count(name) + " times; send it once.");
            }
        }
        Optional<String> configured = headers.first(configuredHeader);
        if (configured.isPresent()) {
            return Optional.of(validated(unquoteIfStandard(configuredHeader, configured.get()), configuredHeader));
        }
        Optional<String> standard = headers.first(STANDARD_HEADER);
        if (standard.isPresent()) {
            return Optional.of(validated(unquote(standard.get()), STANDARD_HEADER));
        }
        return ownId(provider, headers, payload).map(id -> validated(id.value(), id.source()));
    }

    static String unquote(String value) {
        String trimmed = value.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static String unquoteIfStandard(String header, String value) {
        return header.equalsIgnoreCase(STANDARD_HEADER) ? unquote(value) : value.trim();
    }

    private static String validated(String key, String source) {
        if (!DedupKey.isValidKey(key)) {
            throw ApiException.badRequest("invalid_idempotency_key", "Invalid idempotency key format in " + source
                    + ": a key is 1 to 255 characters of A-Z, a-z, 0-9, '_' and '-'.");
        }
        return key;
    }

    private record OwnId(String value, String source) {
    }

    /** The provider's own delivery id ({@link ProviderProfile#ownId()}): its header first, then its body field. */
    private static Optional<OwnId> ownId(Provider provider, RequestHeaders headers, Payload payload) {
        ProviderProfile.OwnId own = ProviderProfile.of(provider).ownId();
        return own.header().flatMap(name -> headers.first(name).map(v -> new OwnId(v.trim(), "header " + name)))
                .or(() -> own.field().flatMap(name -> payload.field(name).filter(s -> !s.isBlank()).map(v -> new OwnId(v, "field " + name))));
    }
}
