package dev.webhookgate.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void durationAcceptsSecondsAndIsoForms() {
        Env env = new Env(Map.of("A", "86400", "B", "PT24H", "C", "P3D", "D", "p4d"));
        assertThat(env.positiveDuration("A", Duration.ZERO)).isEqualTo(Duration.ofDays(1));
        assertThat(env.positiveDuration("B", Duration.ZERO)).isEqualTo(Duration.ofDays(1));
        assertThat(env.positiveDuration("C", Duration.ZERO)).isEqualTo(Duration.ofDays(3));
        assertThat(env.positiveDuration("D", Duration.ZERO)).isEqualTo(Duration.ofDays(4));
    }

    @Test
    void negativeZeroOrGarbageDurationStopsStartUpNamingTheVariable() {
        for (String bad : new String[] {"-5", "0", "PT0S", "soon", "P-1D"}) {
            Env env = new Env(Map.of("IDEMPOTENCY_TTL", bad));
            assertThatThrownBy(() -> env.positiveDuration("IDEMPOTENCY_TTL", Duration.ofHours(1)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("IDEMPOTENCY_TTL must be a positive duration (seconds or ISO-8601 such as PT24H), got \"" + bad + "\"");
        }
    }

    @Test
    void blankCountsAsUnset() {
        Env env = new Env(Map.of("PORT", "  ", "FLAG", ""));
        assertThat(env.port("PORT", 8080)).isEqualTo(8080);
        assertThat(env.bool("FLAG", true)).isTrue();
        assertThat(env.list("FLAG")).isEmpty();
    }

    @Test
    void booleansAreOnlyTrueOrFalse() {
        assertThat(new Env(Map.of("X", "TRUE")).bool("X", false)).isTrue();
        assertThatThrownBy(() -> new Env(Map.of("REQUIRE_SIGNATURES", "yes")).bool("REQUIRE_SIGNATURES", false))
                .hasMessage("REQUIRE_SIGNATURES must be true or false, got \"yes\"");
    }

    @Test
    void numbersOutsideTheirRangeAreRejected() {
        assertThatThrownBy(() -> new Env(Map.of("INGEST_PORT", "70000")).port("INGEST_PORT", 8080))
                .hasMessage("INGEST_PORT must be a whole number from 0 to 65535, got \"70000\"");
        assertThatThrownBy(() -> new Env(Map.of("MAX_BODY_BYTES", "1k")).longInRange("MAX_BODY_BYTES", 1, 1, 10))
                .hasMessageStartingWith("MAX_BODY_BYTES must be a whole number");
    }

    @Test
    void secretListsAreCommaSeparatedAndTrimmed() {
        assertThat(new Env(Map.of("S", " old , new,, ")).list("S")).containsExactly("old", "new");
    }

    @Test
    void urlsMustBeHttp() {
        assertThat(new Env(Map.of()).httpUrl("DEDUP_URL", "http://localhost:8081").getPort()).isEqualTo(8081);
        assertThatThrownBy(() -> new Env(Map.of("DEDUP_URL", "localhost:8081")).httpUrl("DEDUP_URL", "http://x"))
                .hasMessageStartingWith("DEDUP_URL must be an http(s) URL");
    }

    @Test
    void withOverridesAndWithDefaultsFills() {
        Env env = new Env(Map.of("A", "1")).with("A", "2").withDefaults(Map.of("A", "3", "B", "4"));
        assertThat(env.string("A", "")).isEqualTo("2");
        assertThat(env.string("B", "")).isEqualTo("4");
    }
}
