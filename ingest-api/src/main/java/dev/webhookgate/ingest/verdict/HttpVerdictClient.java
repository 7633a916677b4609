package dev.webhookgate.ingest.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.ingest.publish.RecordPosition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-query form of the verdict protocol over one keep-alive HTTP client.
 *
 * <p>The client gets an executor of its own: by default JDK 17 completes {@code sendAsync} on the common
 * ForkJoin pool, whose parallelism is 1 on a 2-CPU box, and compensates by starting a thread per response
 * (thousands of threads in seconds, a quarter of the throughput).
 */
public final class HttpVerdictClient implements VerdictClient {

    private static final Logger log = LoggerFactory.getLogger(HttpVerdictClient.class);
    /** Headroom over wait_ms for the round trip itself, so the server's 504 arrives before our own timeout. */
    private static final Duration TRANSPORT_SLACK = Duration.ofMillis(500);

    private final URI base;
    private final ExecutorService executor;
    private final HttpClient http;

    public HttpVerdictClient(URI dedupUrl) {
        this.base = URI.create(dedupUrl.toString().replaceAll("/+$", "") + "/internal/v1/verdicts/");
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ingest-verdict-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
    }

    @Override
    public CompletableFuture<VerdictAnswer> verdictOf(DedupKey key, RecordPosition position, Duration wait) {
        URI uri = base.resolve(key.provider().id() + "/" + key.idempotencyKey()
                + "?partition=" + position.partition() + "&offset=" + position.offset() + "&wait_ms=" + wait.toMillis());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(wait.plus(TRANSPORT_SLACK)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(HttpVerdictClient::answer)
                .exceptionally(e -> {
                    log.debug("no verdict for {} at {}: {}", key, position, e.toString());
                    return new VerdictAnswer.Unknown("dedup-streams did not answer: " + e.getMessage());
                });
    }

    static VerdictAnswer answer(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return new VerdictAnswer.Unknown("dedup-streams answered " + response.statusCode());
        }
        return firstDelivery(ContractJson.tree(response.body()));
    }

    static VerdictAnswer firstDelivery(JsonNode node) {
        String eventId = node.path("event_id").asText(null);
        String receivedAt = node.path("received_at").asText(null);
        String fingerprint = node.path("fingerprint").asText(null);
        if (eventId == null || receivedAt == null || fingerprint == null) {
            return new VerdictAnswer.Unknown("dedup-streams answered a verdict without event_id, received_at or fingerprint");
        }
        return new VerdictAnswer.FirstDelivery(eventId, receivedAt, fingerprint);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
