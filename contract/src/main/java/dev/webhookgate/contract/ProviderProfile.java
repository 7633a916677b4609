package dev.webhookgate.contract;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway knows about one provider, in one place. {@link #of} is built by an exhaustive switch
 * over {@link Provider}: a constant added there without a profile here does not compile. The code that
 * acts on a provider in its own way (the ingest's signature schemes, order-consumer's mapping) switches
 * over {@link Provider} just as exhaustively, so the compiler names each place a new provider needs
 * (docs/ingest-design.md, "Adding a provider").
 *
 * @param secretVariable the variable the ingest reads this provider's signing secrets from (comma-separated, for rotation)
 * @param retryWindow how long the provider retries a delivery it got no 2xx for; a key's TTL never defaults below it,
 *     since a TTL shorter than the retry window turns a late retry into a second payment
 * @param keptHeaders the request headers copied into the envelope: ids and event types only, never signatures or secrets
 * @param ownId where the provider's own delivery id is, the key's last fallback (docs/api.md, Idempotency keys)
 * @param eventTypeHeader the header naming the event type, which consumers route on
 * @param formBodies the provider may post {@code application/x-www-form-urlencoded} bodies as well as JSON
 */
public record ProviderProfile(Provider provider, String secretVariable, Optional<Duration> retryWindow, List<String> keptHeaders,
                              OwnId ownId, Optional<String> eventTypeHeader, boolean formBodies) {

    private static final ProviderProfile[] PROFILES = build();

    public ProviderProfile {
        keptHeaders = List.copyOf(keptHeaders);
    }

    public static ProviderProfile of(Provider provider) {
        return PROFILES[provider.ordinal()];
    }

    private static ProviderProfile[] build() {
        Provider[] providers = Provider.values();
        ProviderProfile[] profiles = new ProviderProfile[providers.length];
        for (Provider provider : providers) {
            profiles[provider.ordinal()] = profile(provider);
        }
        return profiles;
    }

    /** The one switch to extend for a new provider. */
    private static ProviderProfile profile(Provider provider) {
        return switch (provider) {
            case WHATSAPP -> new ProviderProfile(provider, "TWILIO_AUTH_TOKEN", Optional.empty(),
                    List.of("I-Twilio-Idempotency-Token"),
                    OwnId.headerThenField("I-Twilio-Idempotency-Token", "MessageSid", "a MessageSid field"), Optional.empty(), true);
            case STRIPE -> new ProviderProfile(provider, "STRIPE_WEBHOOK_SECRET", Optional.of(Duration.ofDays(3)),
                    List.of(),
                    OwnId.field("id", "an event id field"), Optional.empty(), false);
            case GITHUB -> new ProviderProfile(provider, "GITHUB_WEBHOOK_SECRET", Optional.empty(),
                    List.of("X-GitHub-Event", "X-GitHub-Delivery", "X-GitHub-Hook-ID"),
                    OwnId.header("X-GitHub-Delivery"), Optional.of("X-GitHub-Event"), false);
            case SHOPIFY -> new ProviderProfile(provider, "SHOPIFY_WEBHOOK_SECRET", Optional.empty(),
                    List.of("X-Shopify-Topic", "X-Shopify-Webhook-Id", "X-Shopify-Shop-Domain", "X-Shopify-Event-Id", "X-Shopify-API-Version"),
                    OwnId.header("X-Shopify-Webhook-Id"), Optional.of("X-Shopify-Topic"), false);
            // Standard Webhooks senders retry for about 4 days
            case STANDARD -> new ProviderProfile(provider, "STANDARD_WEBHOOK_SECRET", Optional.of(Duration.ofDays(4)),
                    List.of("webhook-id", "webhook-timestamp"),
                    OwnId.header("webhook-id"), Optional.empty(), false);
            // signs like Standard Webhooks, but its webhook-id is whatever the sender puts there: never a key on its own
            case CUSTOM -> new ProviderProfile(provider, "CUSTOM_WEBHOOK_SECRET", Optional.empty(),
                    List.of("webhook-id", "webhook-timestamp"),
                    OwnId.NONE, Optional.empty(), false);
        };
    }

    /**
     * The provider's own delivery id: a header, a body field, or a header then a field.
     *
     * @param hint how the answer to a delivery without a key names these fallbacks ("" when there are none)
     */
    public record OwnId(Optional<String> header, Optional<String> field, String hint) {

        public static final OwnId NONE = new OwnId(Optional.empty(), Optional.empty(), "");

        static OwnId header(String name) {
            return new OwnId(Optional.of(name), Optional.empty(), ", or " + name);
        }

        static OwnId field(String name, String described) {
            return new OwnId(Optional.empty(), Optional.of(name), ", or " + described);
        }

        static OwnId headerThenField(String header, String field, String fieldDescribed) {
            return new OwnId(Optional.of(header), Optional.of(field), ", or " + header + ", or " + fieldDescribed);
        }
    }
}
