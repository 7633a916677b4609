package dev.webhookgate.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.ingest.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyResolverTest {

    private final KeyResolver keys = new KeyResolver(TestConfigs.of().idempotency());
    private final PayloadParser parser = new PayloadParser();

    private String resolve(Provider provider, Map<String, String> headers, String body, String contentType) {
        Payload payload = parser.parse(provider, body.getBytes(StandardCharsets.UTF_8), contentType);
        return keys.resolve(provider, RequestHeaders.of(headers), payload);
    }

    private static void refused(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void configuredHeaderWinsOverIdempotencyKeyAndTheProvidersOwnId() {
        assertThat(resolve(Provider.GITHUB, Map.of("X-Idempotency-Key", "mine", "Idempotency-Key", "theirs",
                "X-GitHub-Delivery", "gh-1"), "{}", "application/json")).isEqualTo("mine");
        assertThat(resolve(Provider.GITHUB, Map.of("Idempotency-Key", "theirs", "X-GitHub-Delivery", "gh-1"), "{}",
                "application/json")).isEqualTo("theirs");
    }

    @Test
    void idempotencyKeyMayBeAQuotedStructuredFieldString() {
        assertThat(resolve(Provider.CUSTOM, Map.of("Idempotency-Key", "\"abc\""), "{}", "application/json")).isEqualTo("abc");
    }

    @Test
    void eachProviderFallsBackToItsOwnId() {
        assertThat(resolve(Provider.WHATSAPP, Map.of("I-Twilio-Idempotency-Token", "tw-1"), "MessageSid=SM1",
                "application/x-www-form-urlencoded")).isEqualTo("tw-1");
        assertThat(resolve(Provider.WHATSAPP, Map.of(), "MessageSid=SM1&Body=hi", "application/x-www-form-urlencoded")).isEqualTo("SM1");
        assertThat(resolve(Provider.WHATSAPP, Map.of(), "{\"MessageSid\":\"SM2\"}", "application/json")).isEqualTo("SM2");
        assertThat(resolve(Provider.STRIPE, Map.of(), "{\"id\":\"evt_1\"}", "application/json")).isEqualTo("evt_1");
        assertThat(resolve(Provider.GITHUB, Map.of("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"), "{}",
                "application/json")).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(resolve(Provider.SHOPIFY, Map.of("X-Shopify-Webhook-Id", "b54557e4"), "{}", "application/json")).isEqualTo("b54557e4");
        assertThat(resolve(Provider.STANDARD, Map.of("webhook-id", "msg_1"), "{}", "application/json")).isEqualTo("msg_1");
    }

    @Test
    void customHasNoOwnIdAndAnEmptyHeaderCountsAsAbsent() {
        refused(() -> resolve(Provider.CUSTOM, Map.of("X-Idempotency-Key", ""), "{\"id\":\"x\"}", "application/json"),
                "missing_idempotency_key", "No idempotency key");
        assertThat(resolve(Provider.STRIPE, Map.of("X-Idempotency-Key", " "), "{\"id\":\"evt_9\"}", "application/json")).isEqualTo("evt_9");
    }

    @Test
    void anInvalidHeaderIsRefusedWithNoFallbackPastIt() {
        refused(() -> resolve(Provider.STRIPE, Map.of("X-Idempotency-Key", "has space"), "{\"id\":\"evt_1\"}", "application/json"),
                "invalid_idempotency_key", "Invalid idempotency key format");
        refused(() -> resolve(Provider.CUSTOM, Map.of("X-Idempotency-Key", "a".repeat(256)), "{}", "application/json"),
                "invalid_idempotency_key", "Invalid idempotency key format");
        assertThat(resolve(Provider.CUSTOM, Map.of("X-Idempotency-Key", "a".repeat(255)), "{}", "application/json")).hasSize(255);
    }

    @Test
    void aConfiguredHeaderNameIsHonoured() {
        KeyResolver custom = new KeyResolver(TestConfigs.of("IDEMPOTENCY_HEADER", "X-Request-Id").idempotency());
        Payload empty = parser.parse(Provider.CUSTOM, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(custom.resolve(Provider.CUSTOM, RequestHeaders.of(Map.of("x-request-id", "r1", "X-Idempotency-Key", "k")), empty))
                .isEqualTo("r1");
    }
}
