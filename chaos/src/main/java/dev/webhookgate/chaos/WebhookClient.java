package dev.webhookgate.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Posts deliveries of the {@code custom} provider to the ingest, as a provider's webhook sender does. */
final class WebhookClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than the contract's 5 s answer bound, so a slow answer is still seen as an answer. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final URI endpoint;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(4, daemon("chaos-http"));
    private final HttpClient http;

    WebhookClient(int ingestPort) {
        this.endpoint = URI.create("http://127.0.0.1:" + ingestPort + "/api/v1/webhooks/custom");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).executor(httpThreads).build();
    }

    /** Blocking: the load runs it on threads of its own. {@code keyHeader} is sent as it is, valid or not. */
    Answer post(String keyHeader, String logicalKey, int epoch, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Idempotency-Key", keyHeader)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = parse(response.body());
            return new Answer(logicalKey, epoch, response.statusCode(), text(json, "event_id"), text(json, "error"),
                    text(json, "message"), response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false));
        } catch (IOException e) {
            return new Answer(logicalKey, epoch, Answer.NO_ANSWER, null, null, e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(logicalKey, epoch, Answer.NO_ANSWER, null, null, "interrupted", false);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        httpThreads.shutdownNow();
    }
}
