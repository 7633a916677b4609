package dev.webhookgate.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvelopeFactoryTest {

    private final EnvelopeFactory factory = new EnvelopeFactory(Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC));

    @Test
    void theEnvelopeKeepsTheProvidersIdAndEventTypeHeadersLowerCasedAndNeverItsSignature() {
        WebhookEnvelope github = create(Provider.GITHUB, Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "d-1",
                "X-Hub-Signature-256", "sha256=ab", "User-Agent", "GitHub-Hookshot/1"));
        assertThat(github.headers()).isEqualTo(Map.of("x-github-event", "push", "x-github-delivery", "d-1"));

        WebhookEnvelope shopify = create(Provider.SHOPIFY, Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Hmac-Sha256", "c2ln"));
        assertThat(shopify.header("X-Shopify-Topic")).isEqualTo("orders/create");
        assertThat(shopify.headers()).doesNotContainKey("x-shopify-hmac-sha256");
    }

    @Test
    void aProviderThatRoutesOnItsBodyKeepsNoHeaders() {
        assertThat(create(Provider.STRIPE, Map.of("Stripe-Signature", "t=1,v1=ab", "X-Idempotency-Key", "k")).headers()).isEmpty();
    }

    private WebhookEnvelope create(Provider provider, Map<String, String> headers) {
        return factory.create(provider, Optional.of("k-1"), "{}".getBytes(StandardCharsets.UTF_8), "application/json", RequestHeaders.of(headers));
    }
}
