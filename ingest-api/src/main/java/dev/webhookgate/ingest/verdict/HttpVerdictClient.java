package dev.webhookgate.ingest.verdict;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.ingest.publish.RecordPosition;
import dev.webhookgate.http.access.AccessTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The single-query form of the verdict protocol: one GET per delivery. */
public final class HttpVerdictClient implements VerdictClient {

    private static final Logger log = LoggerFactory.getLogger(HttpVerdictClient.class);

    private final VerdictTransport transport;

    public HttpVerdictClient(URI dedupUrl, AccessTokens tokens) {
        this.transport = new VerdictTransport(dedupUrl, tokens);
    }

    @Override
    public CompletableFuture<VerdictAnswer> verdictOf(DedupKey key, RecordPosition position, Duration wait) {
        URI uri = URI.create(transport.base + "/" + key.provider().id() + "/" + key.idempotencyKey()
                + "?partition=" + position.partition() + "&offset=" + position.offset() + "&wait_ms=" + wait.toMillis());
        HttpRequest request = transport.caller.authorize(HttpRequest.newBuilder(uri)).timeout(wait.plus(VerdictTransport.TRANSPORT_SLACK)).GET().build();
        return transport.http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> response.statusCode() == 200
                        ? VerdictTransport.firstDelivery(ContractJson.tree(response.body()))
                        : (VerdictAnswer) new VerdictAnswer.Unknown("dedup-streams answered " + response.statusCode()))
                .exceptionally(e -> {
                    // dedup-streams away is an expected state: the delivery is durable and answers 202
                    log.debug("no verdict for {} at {}: {}", key, position, e.toString());
                    return new VerdictAnswer.Unknown("dedup-streams did not answer: " + e.getMessage());
                });
    }

    @Override
    public void close() {
        transport.close();
    }
}
