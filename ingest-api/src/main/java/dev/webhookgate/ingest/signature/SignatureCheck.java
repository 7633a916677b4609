package dev.webhookgate.ingest.signature;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.ingest.IngestConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Which scheme each provider signs with, the configured secrets, and the 401 that a failed check becomes. */
public final class SignatureCheck {

    private static final Map<Provider, SignatureScheme> SCHEMES = Map.of(
            Provider.STRIPE, new StripeScheme(),
            Provider.WHATSAPP, new TwilioScheme(),
            Provider.GITHUB, new GithubScheme(),
            Provider.SHOPIFY, new ShopifyScheme(),
            Provider.STANDARD, new StandardWebhooksScheme(),
            Provider.CUSTOM, new StandardWebhooksScheme());

    private final IngestConfig config;
    private final Clock clock;

    public SignatureCheck(IngestConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public void verify(Provider provider, SignedRequest request) {
        List<String> secrets = config.secretsFor(provider);
        if (secrets.isEmpty()) {
            if (config.requireSignatures()) {
                throw invalid("No secret is configured for " + provider.id() + " (set " + IngestConfig.SECRET_VARIABLES.get(provider)
                        + "), and REQUIRE_SIGNATURES=true refuses unsigned webhooks.");
            }
            return;
        }
        try {
            SCHEMES.get(provider).verify(request, secrets, clock.instant());
        } catch (InvalidSignatureException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(401, "invalid_signature", message);
    }
}
