package dev.webhookgate.ingest.signature;

import dev.webhookgate.ingest.delivery.RequestHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;

final class TestRequests {

    private TestRequests() {
    }

    static SignedRequest json(String body, Map<String, String> headers) {
        return new SignedRequest(RequestHeaders.of(headers), body.getBytes(StandardCharsets.UTF_8), "application/json",
                "http://localhost:8080/api/v1/webhooks/x");
    }
}
