package dev.webhookgate.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.IdempotencySettings;
import dev.webhookgate.contract.Provider;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotencyEnvTest {

    @Test
    void defaultsAreTheSeedsButNeverShorterThanAProvidersRetryWindow() {
        IdempotencySettings settings = IdempotencyEnv.read(new Env(Map.of()));
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.header()).isEqualTo("X-Idempotency-Key");
        assertThat(settings.defaultTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.ttlFor(Provider.WHATSAPP)).isEqualTo(Duration.ofHours(24));
        assertThat(settings.ttlFor(Provider.STRIPE)).isEqualTo(Duration.ofDays(3));
        assertThat(settings.ttlFor(Provider.STANDARD)).isEqualTo(Duration.ofDays(4));
        assertThat(settings.longestTtl()).isEqualTo(Duration.ofDays(4));
    }

    @Test
    void explicitProviderTtlWinsEvenBelowTheRetryWindow() {
        IdempotencySettings settings = IdempotencyEnv.read(new Env(Map.of(
                "IDEMPOTENCY_TTL", "3600", "IDEMPOTENCY_TTL_STRIPE", "60", "IDEMPOTENCY_TTL_GITHUB", "P10D")));
        assertThat(settings.ttlFor(Provider.STRIPE)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.ttlFor(Provider.GITHUB)).isEqualTo(Duration.ofDays(10));
        assertThat(settings.ttlFor(Provider.SHOPIFY)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.longestTtl()).isEqualTo(Duration.ofDays(10));
    }

    @Test
    void aLongDefaultLiftsEveryProvider() {
        IdempotencySettings settings = IdempotencyEnv.read(new Env(Map.of("IDEMPOTENCY_TTL", "P7D")));
        assertThat(settings.ttlByProvider().values()).containsOnly(Duration.ofDays(7));
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> IdempotencyEnv.read(new Env(Map.of("IDEMPOTENCY_TTL_SHOPIFY", "-5"))))
                .hasMessageStartingWith("IDEMPOTENCY_TTL_SHOPIFY must be a positive duration");
        assertThatThrownBy(() -> IdempotencyEnv.read(new Env(Map.of("IDEMPOTENCY_HEADER", "X Key"))))
                .hasMessage("IDEMPOTENCY_HEADER must be an HTTP header name, got \"X Key\"");
        assertThatThrownBy(() -> IdempotencyEnv.read(new Env(Map.of("IDEMPOTENCY_ENABLED", "1"))))
                .hasMessageStartingWith("IDEMPOTENCY_ENABLED must be true or false");
    }
}
