package dev.webhookgate.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.ingest.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Whatever a sender puts in headers and body, the checks end in an envelope or a 4xx, never anything else. */
class DeliveryChecksPropertyTest {

    private static final Pattern FORMAT = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");

    private final DeliveryChecks signed = new DeliveryChecks(TestConfigs.of(
            "STRIPE_WEBHOOK_SECRET", "whsec_s", "TWILIO_AUTH_TOKEN", "tok", "GITHUB_WEBHOOK_SECRET", "gh",
            "SHOPIFY_WEBHOOK_SECRET", "sh", "STANDARD_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), Clock.systemUTC());
    private final DeliveryChecks unsigned = new DeliveryChecks(TestConfigs.of(), Clock.systemUTC());
    private final KeyResolver keys = new KeyResolver(TestConfigs.of().idempotency());

    @Property(tries = 400)
    void anyHeaderKeyIsEitherTheValidatedKeyOrA400(@ForAll @StringLength(max = 300) String header, @ForAll boolean standardHeader) {
        Map<String, String> headers = Map.of(standardHeader ? "Idempotency-Key" : "X-Idempotency-Key", header);
        Payload empty = new Payload.Json(dev.webhookgate.contract.ContractJson.MAPPER.createObjectNode());
        try {
            String key = keys.resolve(Provider.CUSTOM, RequestHeaders.of(headers), empty);
            assertThat(key).matches(FORMAT);
            String expected = standardHeader ? KeyResolver.unquote(header) : header.trim();
            assertThat(key).isEqualTo(expected);
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            if (header.isBlank()) {
                assertThat(e.code()).isEqualTo("missing_idempotency_key");
            } else {
                assertThat(e.code()).isIn("invalid_idempotency_key", "missing_idempotency_key");
                assertThat(DedupKey.isValidKey(standardHeader ? KeyResolver.unquote(header) : header.trim())).isFalse();
            }
        }
    }

    @Property(tries = 600)
    void noInputMakesTheChecksFailWithAnythingButA4xx(@ForAll("providers") Provider provider, @ForAll("headers") Map<String, String> headers,
                                                       @ForAll @StringLength(max = 200) String body, @ForAll("contentTypes") String contentType,
                                                       @ForAll boolean withSecrets) {
        DeliveryChecks checks = withSecrets ? signed : unsigned;
        try {
            WebhookEnvelope envelope = checks.accept(provider, body.getBytes(StandardCharsets.UTF_8), contentType,
                    RequestHeaders.of(headers), "http://localhost:8080/api/v1/webhooks/" + provider.id() + "?bodySHA256=zz");
            assertThat(envelope.idempotencyKey()).matches(FORMAT);
        } catch (ApiException e) {
            assertThat(e.status()).isIn(400, 401);
        }
    }

    @Provide
    Arbitrary<Provider> providers() {
        return Arbitraries.of(Provider.class);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/x-www-form-urlencoded", "text/plain", "");
    }

    @Provide
    Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> names = Arbitraries.of("X-Idempotency-Key", "Idempotency-Key", "Stripe-Signature", "X-Twilio-Signature",
                "X-Hub-Signature-256", "X-Shopify-Hmac-Sha256", "webhook-id", "webhook-timestamp", "webhook-signature",
                "X-GitHub-Delivery", "X-Shopify-Webhook-Id", "I-Twilio-Idempotency-Token");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("tv1=,0123456789abcdef ").ofMaxLength(80),
                Arbitraries.strings().alpha().numeric().withChars('-', '_').ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("t=1,v1=", "v1,", "sha256=", "\"\"", "\"abc\""));
        return Arbitraries.maps(names, values).ofMaxSize(6).map(HashMap::new);
    }
}
