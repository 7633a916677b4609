package dev.webhookgate.ingest.signature;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.ingest.delivery.RequestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples the providers publish in their own documentation, verified as published. */
class PublishedVectorsTest {

    @Test
    void githubDocumentedExampleVerifies() {
        // docs.github.com "Validating webhook deliveries": secret, payload and expected signature
        SignedRequest request = TestRequests.json("Hello, World!", Map.of("X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        assertThatCode(() -> new GithubScheme().verify(request, List.of("It's a Secret to Everybody"), Instant.now()))
                .doesNotThrowAnyException();
    }

    @Test
    void standardWebhooksReferenceExampleVerifies() {
        // the Standard Webhooks reference libraries' test vector
        Instant signedAt = Instant.ofEpochSecond(1614265330);
        SignedRequest request = TestRequests.json("{\"test\": 2432232314}", Map.of(
                "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp", "1614265330",
                "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        assertThatCode(() -> new StandardWebhooksScheme().verify(request, List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), signedAt))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new StandardWebhooksScheme().verify(request, List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                signedAt.plusSeconds(301))).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void twilioDocumentedExampleVerifies() {
        // twilio.com "Webhooks security": auth token 12345, URL with a query string, five form parameters
        String body = "CallSid=CA1234567890ABCDE&Caller=%2B14158675310&Digits=1234&From=%2B14158675310&To=%2B18005551212";
        SignedRequest request = new SignedRequest(
                RequestHeaders.of(Map.of("X-Twilio-Signature", "GvWf1cFY/Q7PnoempGyD5oXAezc=")),
                body.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded",
                "https://mycompany.com/myapp.php?foo=1&bar=2");
        assertThatCode(() -> new TwilioScheme().verify(request, List.of("12345"), Instant.now())).doesNotThrowAnyException();
        assertThatThrownBy(() -> new TwilioScheme().verify(request, List.of("54321"), Instant.now()))
                .isInstanceOf(InvalidSignatureException.class);
    }
}
