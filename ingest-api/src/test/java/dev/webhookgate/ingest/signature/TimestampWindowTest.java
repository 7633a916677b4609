package dev.webhookgate.ingest.signature;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Correctly signed timestamps whose distance from now does not fit a long must be refused, not wrapped into the window. */
class TimestampWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final long[] FAR = {NOW.getEpochSecond() - Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
            Long.MAX_VALUE, NOW.getEpochSecond() + Long.MIN_VALUE + 100};

    @Test
    void stripeRefusesTimestampsWhoseSkewOverflows() {
        for (long t : FAR) {
            String header = StripeScheme.sign("whsec_stripe", t, BODY);
            assertThatThrownBy(() -> new StripeScheme().verify(TestRequests.json(new String(BODY, StandardCharsets.UTF_8),
                    Map.of("Stripe-Signature", header)), List.of("whsec_stripe"), NOW))
                    .as("t=%d", t).isInstanceOf(InvalidSignatureException.class).hasMessageContaining("300 s");
        }
    }

    @Test
    void standardWebhooksRefusesTimestampsWhoseSkewOverflows() {
        for (long t : FAR) {
            Map<String, String> headers = Map.of("webhook-id", "msg_1", "webhook-timestamp", String.valueOf(t),
                    "webhook-signature", StandardWebhooksScheme.sign(WHSEC, "msg_1", t, BODY));
            assertThatThrownBy(() -> new StandardWebhooksScheme().verify(TestRequests.json(new String(BODY, StandardCharsets.UTF_8),
                    headers), List.of(WHSEC), NOW))
                    .as("t=%d", t).isInstanceOf(InvalidSignatureException.class).hasMessageContaining("300 s");
        }
    }
}
