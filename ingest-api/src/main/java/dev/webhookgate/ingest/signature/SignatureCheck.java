package dev.webhookgate.ingest.signature;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.ProviderProfile;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.ingest.IngestConfig;
import java.time.Clock;
import java.util.List;

/** Which scheme each provider signs with, the configured secrets, and the 401 that a failed check becomes. */
public final class SignatureCheck {

    private static final SignatureScheme STRIPE = new StripeScheme();
    private static final SignatureScheme TWILIO = new TwilioScheme();
    private static final SignatureScheme GITHUB = new GithubScheme();
    private static final SignatureScheme SHOPIFY = new ShopifyScheme();
    private static final SignatureScheme STANDARD_WEBHOOKS = new StandardWebhooksScheme();

    private final IngestConfig config;
    private final Clock clock;

    public SignatureCheck(IngestConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The scheme each provider signs with; exhaustive, so a new {@link Provider} does not compile without one. */
    public static SignatureScheme schemeFor(Provider provider) {
        return switch (provider) {
            case STRIPE -> STRIPE;
            case WHATSAPP -> TWILIO;
            case GITHUB -> GITHUB;
            case SHOPIFY -> SHOPIFY;
            case STANDARD, CUSTOM -> STANDARD_WEBHOOKS;
        };
    }

    public void verify(Provider provider, SignedRequest request) {
        List<String> secrets = config.secretsFor(provider);
        if (secrets.isEmpty()) {
            if (config.requireSignatures()) {
                throw invalid("No secret is configured for " + provider.id() + " (set " + ProviderProfile.of(provider).secretVariable()
                        + "), and REQUIRE_SIGNATURES=true refuses unsigned webhooks.");
            }
            return;
        }
        try {
            schemeFor(provider).verify(request, secrets, clock.instant());
        } catch (InvalidSignatureException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(401, "invalid_signature", message);
    }
}
