package dev.webhookgate.ingest.signature;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Arbitrary signature headers are refused with a sentence, never with a parser's exception. */
class SignatureParsingPropertyTest {

    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Property(tries = 500)
    void arbitraryStripeHeadersAreRefusedCleanly(@ForAll @StringLength(max = 200) String header) {
        assertThatThrownBy(() -> new StripeScheme().verify(TestRequests.json("{}", Map.of("Stripe-Signature", header)),
                List.of("whsec_s"), Instant.now())).isInstanceOf(InvalidSignatureException.class);
    }

    @Property(tries = 500)
    void arbitraryStandardWebhooksHeadersAreRefusedCleanly(@ForAll @StringLength(max = 40) String timestamp,
                                                           @ForAll @StringLength(max = 200) String signatures) {
        assertThatThrownBy(() -> new StandardWebhooksScheme().verify(TestRequests.json("{}", Map.of("webhook-id", "msg_1",
                "webhook-timestamp", timestamp, "webhook-signature", signatures)), List.of(WHSEC), Instant.now()))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Property(tries = 300)
    void arbitraryBodyMacHeadersAreRefusedCleanly(@ForAll @StringLength(max = 120) String header) {
        assertThatThrownBy(() -> new GithubScheme().verify(TestRequests.json("{}", Map.of("X-Hub-Signature-256", header)),
                List.of("gh"), Instant.now())).isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> new ShopifyScheme().verify(TestRequests.json("{}", Map.of("X-Shopify-Hmac-Sha256", header)),
                List.of("sh"), Instant.now())).isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> new TwilioScheme().verify(TestRequests.json("{}", Map.of("X-Twilio-Signature", header)),
                List.of("tok"), Instant.now())).isInstanceOf(InvalidSignatureException.class);
    }
}
