package dev.webhookgate.ingest.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.ingest.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void customSignsLikeStandardWebhooksWithItsOwnSecret() {
        SignatureCheck check = new SignatureCheck(TestConfigs.of("CUSTOM_WEBHOOK_SECRET", SECRET), CLOCK);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SignedRequest signed = TestRequests.json("{}", Map.of("webhook-id", "m1", "webhook-timestamp", String.valueOf(NOW.getEpochSecond()),
                "webhook-signature", StandardWebhooksScheme.sign(SECRET, "m1", NOW.getEpochSecond(), body)));
        assertThatCode(() -> check.verify(Provider.CUSTOM, signed)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check.verify(Provider.CUSTOM, TestRequests.json("{}", Map.of())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("invalid_signature");
                });
        // standard has no secret here: unchecked
        assertThatCode(() -> check.verify(Provider.STANDARD, TestRequests.json("{}", Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void requiredSignaturesRefuseAProviderWithoutASecretNamingTheVariable() {
        SignatureCheck check = new SignatureCheck(TestConfigs.of("REQUIRE_SIGNATURES", "true"), CLOCK);
        assertThatThrownBy(() -> check.verify(Provider.SHOPIFY, TestRequests.json("{}", Map.of())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_signature");
                    assertThat(e.getMessage()).contains("No secret is configured", "SHOPIFY_WEBHOOK_SECRET");
                });
    }
}
