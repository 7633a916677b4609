package dev.webhookgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.runtime.config.ConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void defaultsAreTheContractsDefaults() {
        IngestConfig config = TestConfigs.of();
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.topics().inbound()).isEqualTo("webhooks.inbound");
        assertThat(config.verdictTimeout()).isEqualTo(Duration.ofMillis(2000));
        assertThat(config.dedupUrl().toString()).isEqualTo("http://localhost:8081");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.maxBodyBytes()).isEqualTo(524_288);
        assertThat(config.requireSignatures()).isFalse();
        assertThat(config.secrets()).isEmpty();
        assertThat(config.publicBaseUrl()).isEmpty();
    }

    @Test
    void secretsAreCommaSeparatedListsPerProvider() {
        IngestConfig config = TestConfigs.of("STRIPE_WEBHOOK_SECRET", "whsec_a, whsec_b", "TWILIO_AUTH_TOKEN", "tok");
        assertThat(config.secretsFor(Provider.STRIPE)).containsExactly("whsec_a", "whsec_b");
        assertThat(config.secretsFor(Provider.WHATSAPP)).containsExactly("tok");
        assertThat(config.secretsFor(Provider.GITHUB)).isEqualTo(List.of());
    }

    @Test
    void badValuesStopStartUpWithASentenceNamingTheVariable() {
        assertThatThrownBy(() -> TestConfigs.of("VERDICT_TIMEOUT_MS", "soon")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("VERDICT_TIMEOUT_MS");
        assertThatThrownBy(() -> TestConfigs.of("MAX_BODY_BYTES", "0")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("MAX_BODY_BYTES");
        assertThatThrownBy(() -> TestConfigs.of("DEDUP_URL", "ftp://x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DEDUP_URL");
        assertThatThrownBy(() -> TestConfigs.of("INGEST_PORT", "70000")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("INGEST_PORT");
        assertThatThrownBy(() -> TestConfigs.of("REQUIRE_SIGNATURES", "yes")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("REQUIRE_SIGNATURES");
        assertThatThrownBy(() -> TestConfigs.of("STANDARD_WEBHOOK_SECRET", "whsec_not*base64")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("STANDARD_WEBHOOK_SECRET");
        // custom signs like Standard Webhooks, so its secrets have the same format; Stripe's are any text
        assertThatThrownBy(() -> TestConfigs.of("CUSTOM_WEBHOOK_SECRET", "whsec_not*base64")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("CUSTOM_WEBHOOK_SECRET must hold base64 secrets");
        assertThat(TestConfigs.of("STRIPE_WEBHOOK_SECRET", "whsec_not*base64").secretsFor(Provider.STRIPE)).containsExactly("whsec_not*base64");
        assertThatThrownBy(() -> TestConfigs.of("IDEMPOTENCY_TTL", "-5")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("IDEMPOTENCY_TTL");
    }
}
