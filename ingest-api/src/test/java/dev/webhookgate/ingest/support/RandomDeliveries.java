package dev.webhookgate.ingest.support;

import dev.webhookgate.fixture.TestHttp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random providers, signature and key headers, content types and bodies posted to an ingest: the input of the
 * "never a 5xx" checks, shared by the in-process test (WebhookHttpTest) and the one against a real broker and
 * dedup-streams (WebhookResponsesTest), so both throw the same hostile mix.
 */
public final class RandomDeliveries {

    private RandomDeliveries() {
    }

    public static List<TestHttp.Reply> post(TestHttp http, int count) {
        Arbitrary<String> paths = Arbitraries.oneOf(
                Arbitraries.of("whatsapp", "stripe", "github", "shopify", "standard", "custom").map(p -> "/api/v1/webhooks/" + p),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12).map(p -> "/api/v1/webhooks/" + p),
                Arbitraries.just("/api/v1/whatsapp/webhook"));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(60).map(String::strip),
                Arbitraries.strings().alpha().numeric().withChars('-', '_').ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("t=1,v1=00", "v1,AAAA", "sha256=00", "\"k1\""));
        Arbitrary<Map<String, String>> headers = Arbitraries.maps(Arbitraries.of("X-Idempotency-Key", "Idempotency-Key", "Stripe-Signature",
                "X-Twilio-Signature", "X-Hub-Signature-256", "X-Shopify-Hmac-Sha256", "webhook-id", "webhook-timestamp",
                "webhook-signature", "X-GitHub-Delivery", "X-Shopify-Webhook-Id", "I-Twilio-Idempotency-Token"), values)
                .ofMaxSize(5).map(HashMap::new);
        Arbitrary<String> contentTypes = Arbitraries.of("application/json", "application/x-www-form-urlencoded", "text/plain",
                "application/json; charset=utf-8");
        Arbitrary<String> bodies = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(120),
                Arbitraries.of("{}", "{\"id\":\"evt_1\"}", "MessageSid=SM1&Body=order+2+apples", "[1,2]", "null", "\"x\""));
        List<TestHttp.Reply> answers = new ArrayList<>();
        Iterator<String> path = paths.sampleStream().iterator();
        Iterator<Map<String, String>> header = headers.sampleStream().iterator();
        Iterator<String> type = contentTypes.sampleStream().iterator();
        Iterator<String> body = bodies.sampleStream().iterator();
        for (int i = 0; i < count; i++) {
            Map<String, String> h = header.next();
            h.put("Content-Type", type.next());
            // the JDK client refuses control characters in header values before sending anything
            h.replaceAll((name, value) -> value.replaceAll("[\\r\\n\\x00-\\x1f\\x7f]", ""));
            answers.add(http.post(path.next(), body.next(), h));
        }
        return answers;
    }
}
