package dev.webhookgate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every provider has a whole profile: a missing case does not compile, a half-filled one fails here. */
class ProviderProfileTest {

    @Test
    void everyProviderHasACompleteProfileOfItsOwn() {
        Set<String> secretVariables = new HashSet<>();
        for (Provider provider : Provider.values()) {
            ProviderProfile profile = ProviderProfile.of(provider);
            assertThat(profile.provider()).isEqualTo(provider);
            assertThat(profile.secretVariable()).as(provider.id()).matches("[A-Z][A-Z0-9_]*");
            assertThat(secretVariables.add(profile.secretVariable())).as("%s shares its secret variable", provider.id()).isTrue();
            profile.retryWindow().ifPresent(window -> assertThat(window).as(provider.id()).isPositive());
            assertThat(profile.keptHeaders()).as(provider.id()).doesNotContainNull()
                    .allSatisfy(header -> assertThat(header.toLowerCase(Locale.ROOT)).doesNotContain("signature").doesNotContain("secret"));
            // what the key or a consumer's routing reads must reach the envelope
            profile.ownId().header().ifPresent(header -> assertThat(profile.keptHeaders()).as(provider.id()).contains(header));
            profile.eventTypeHeader().ifPresent(header -> assertThat(profile.keptHeaders()).as(provider.id()).contains(header));
            assertThat(profile.ownId().hint().isEmpty())
                    .as("%s names its own-id fallback exactly when it has one", provider.id())
                    .isEqualTo(profile.ownId().header().isEmpty() && profile.ownId().field().isEmpty());
        }
    }

    @Test
    void theRetryWindowsAreTheProvidersDocumentedOnesAndLiftTheDefaultTtl() {
        assertThat(ProviderProfile.of(Provider.STRIPE).retryWindow()).contains(Duration.ofDays(3));
        assertThat(ProviderProfile.of(Provider.STANDARD).retryWindow()).contains(Duration.ofDays(4));
        assertThat(IdempotencySettings.providerDefault(Provider.STRIPE, Duration.ofHours(24))).isEqualTo(Duration.ofDays(3));
        assertThat(IdempotencySettings.providerDefault(Provider.STRIPE, Duration.ofDays(7))).isEqualTo(Duration.ofDays(7));
        assertThat(IdempotencySettings.providerDefault(Provider.GITHUB, Duration.ofHours(24))).isEqualTo(Duration.ofHours(24));
    }
}
