package dev.webhookgate.ingest.signature;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.ingest.delivery.RequestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureSchemesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}";
    private static final byte[] BYTES = BODY.getBytes(StandardCharsets.UTF_8);
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String OTHER_WHSEC = "whsec_c2VjcmV0LW51bWJlci10d28tZm9yLXJvdGF0aW9u";

    private static void passes(SignatureScheme scheme, SignedRequest request, List<String> secrets) {
        assertThatCode(() -> scheme.verify(request, secrets, NOW)).doesNotThrowAnyException();
    }

    private static void fails(SignatureScheme scheme, SignedRequest request, List<String> secrets, String why) {
        assertThatThrownBy(() -> scheme.verify(request, secrets, NOW)).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining(why);
    }

    @Test
    void stripeAcceptsValidRejectsWrongSecretTamperedMissingStaleAndFuture() {
        StripeScheme stripe = new StripeScheme();
        String header = StripeScheme.sign("whsec_stripe", NOW.getEpochSecond(), BYTES);
        passes(stripe, TestRequests.json(BODY, Map.of("Stripe-Signature", header)), List.of("whsec_stripe"));
        fails(stripe, TestRequests.json(BODY, Map.of("Stripe-Signature", header)), List.of("whsec_other"), "matches");
        fails(stripe, TestRequests.json(BODY + " ", Map.of("Stripe-Signature", header)), List.of("whsec_stripe"), "matches");
        fails(stripe, TestRequests.json(BODY, Map.of()), List.of("whsec_stripe"), "missing");
        String stale = StripeScheme.sign("whsec_stripe", NOW.getEpochSecond() - 301, BYTES);
        fails(stripe, TestRequests.json(BODY, Map.of("Stripe-Signature", stale)), List.of("whsec_stripe"), "300 s");
        String future = StripeScheme.sign("whsec_stripe", NOW.getEpochSecond() + 301, BYTES);
        fails(stripe, TestRequests.json(BODY, Map.of("Stripe-Signature", future)), List.of("whsec_stripe"), "300 s");
        fails(stripe, TestRequests.json(BODY, Map.of("Stripe-Signature", "v1=abc")), List.of("whsec_stripe"), "t=");
    }

    @Test
    void stripeAcceptsOneValidAmongSeveralV1AndAnyRotatedSecret() {
        StripeScheme stripe = new StripeScheme();
        String valid = StripeScheme.sign("whsec_new", NOW.getEpochSecond(), BYTES);
        String v1 = valid.substring(valid.indexOf("v1="));
        String header = "t=" + NOW.getEpochSecond() + ",v1=" + "00".repeat(32) + "," + v1 + ",v0=deadbeef";
        passes(stripe, TestRequests.json(BODY, Map.of("Stripe-Signature", header)), List.of("whsec_old", "whsec_new"));
    }

    @Test
    void githubAndShopifyCheckTheBodyMac() {
        passes(new GithubScheme(), TestRequests.json(BODY, Map.of("X-Hub-Signature-256", GithubScheme.sign("gh", BYTES))), List.of("x", "gh"));
        fails(new GithubScheme(), TestRequests.json(BODY, Map.of("X-Hub-Signature-256", GithubScheme.sign("gh", BYTES).substring(7))),
                List.of("gh"), "sha256=");
        fails(new GithubScheme(), TestRequests.json(BODY + "x", Map.of("X-Hub-Signature-256", GithubScheme.sign("gh", BYTES))),
                List.of("gh"), "does not match");
        fails(new GithubScheme(), TestRequests.json(BODY, Map.of()), List.of("gh"), "missing");
        passes(new ShopifyScheme(), TestRequests.json(BODY, Map.of("X-Shopify-Hmac-Sha256", ShopifyScheme.sign("sh", BYTES))), List.of("sh"));
        fails(new ShopifyScheme(), TestRequests.json(BODY, Map.of("X-Shopify-Hmac-Sha256", ShopifyScheme.sign("sh", BYTES))),
                List.of("wrong"), "does not match");
        fails(new ShopifyScheme(), TestRequests.json(BODY, Map.of("X-Shopify-Hmac-Sha256", "not base64 !!")), List.of("sh"), "does not match");
    }

    @Test
    void standardWebhooksTakesOneValidAmongSpaceSeparatedSignatures() {
        StandardWebhooksScheme scheme = new StandardWebhooksScheme();
        String good = StandardWebhooksScheme.sign(OTHER_WHSEC, "msg_1", NOW.getEpochSecond(), BYTES);
        String signatures = "v1a,abc v1," + "A".repeat(43) + "= " + good;
        Map<String, String> headers = Map.of("webhook-id", "msg_1", "webhook-timestamp", String.valueOf(NOW.getEpochSecond()),
                "webhook-signature", signatures);
        passes(scheme, TestRequests.json(BODY, headers), List.of(WHSEC, OTHER_WHSEC));
        fails(scheme, TestRequests.json(BODY, headers), List.of(WHSEC), "No v1 signature");
        Map<String, String> stale = Map.of("webhook-id", "msg_1", "webhook-timestamp", String.valueOf(NOW.getEpochSecond() - 400),
                "webhook-signature", StandardWebhooksScheme.sign(WHSEC, "msg_1", NOW.getEpochSecond() - 400, BYTES));
        fails(scheme, TestRequests.json(BODY, stale), List.of(WHSEC), "300 s");
        fails(scheme, TestRequests.json(BODY, Map.of("webhook-id", "msg_1")), List.of(WHSEC), "webhook-timestamp");
    }

    @Test
    void twilioJsonBodiesAreSignedThroughTheBodyHashInTheUrl() {
        byte[] body = "{\"MessageSid\":\"SM1\",\"Body\":\"order 2 apples\"}".getBytes(StandardCharsets.UTF_8);
        String url = "https://gate.example.com/api/v1/webhooks/whatsapp?bodySHA256=" + TwilioScheme.bodyHash(body);
        String signature = TwilioScheme.signJson("tok", url);
        SignedRequest ok = new SignedRequest(RequestHeaders.of(Map.of("X-Twilio-Signature", signature)), body, "application/json", url);
        passes(new TwilioScheme(), ok, List.of("tok"));
        SignedRequest tampered = new SignedRequest(ok.headers(), "{\"MessageSid\":\"SM2\"}".getBytes(StandardCharsets.UTF_8),
                "application/json", url);
        fails(new TwilioScheme(), tampered, List.of("tok"), "bodySHA256");
    }
}
