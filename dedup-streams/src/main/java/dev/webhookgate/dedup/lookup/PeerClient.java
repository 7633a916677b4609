package dev.webhookgate.dedup.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.verdict.VerdictItem;
import dev.webhookgate.contract.verdict.VerdictProtocol;
import dev.webhookgate.contract.verdict.VerdictResponseCodec;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.dedup.topology.DedupEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import dev.webhookgate.http.access.AccessTokens;
import dev.webhookgate.http.access.InternalCaller;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another instance (by its {@code application.server}) for what only it holds. */
public final class PeerClient {

    /** Marks a request that has been forwarded once already, so ownership changes cannot make it loop. */
    public static final String ENTRIES_PATH = "/internal/v1/entries/";
    public static final String LOCAL_STATS_PATH = "/internal/v1/stats/local";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private static final int MAX_CONCURRENT_CALLS = 8;

    /**
     * Blocking sends on threads of our own: JDK 17's {@code sendAsync} completes on the common pool, which
     * on 2 CPUs starts a new thread per response. Idle threads time out, so nothing needs closing.
     */
    private final ThreadPoolExecutor calls = callThreads();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final Counter forwardedBatches;

    private final InternalCaller caller;

    /** @param tokens peers' /internal/* is behind INTERNAL_TOKEN when one is set; every call here carries it */
    public PeerClient(MeterRegistry registry, AccessTokens tokens) {
        this.caller = new InternalCaller(tokens);
        this.forwardedBatches = Counter.builder("webhookgate.dedup.verdict.batches.forwarded")
                .description("verdict batches (or parts of them) this instance forwarded to the owners of their partitions")
                .register(registry);
    }

    public CompletableFuture<Optional<DedupEntry>> entry(HostInfo owner, DedupKey key, int partition, Optional<PositionMark> mark,
                                                         Duration wait) {
        StringBuilder path = new StringBuilder(ENTRIES_PATH).append(key.provider().id()).append('/').append(key.idempotencyKey())
                .append("?partition=").append(partition).append("&wait_ms=").append(wait.toMillis());
        mark.ifPresent(m -> path.append("&position_topic=").append(URLEncoder.encode(m.topic(), StandardCharsets.UTF_8))
                .append("&offset=").append(m.offset()));
        return get(owner, path.toString(), wait).thenApply(response -> switch (response.statusCode()) {
            case 200 -> Optional.of(EntryJson.read(ContractJson.tree(response.body())));
            case 404 -> Optional.<DedupEntry>empty();
            default -> throw relayed(owner, response);
        });
    }

    /**
     * One verdict batch for {@code owner}'s partitions, already in the wire form; completes with the owner's
     * {@code verdicts} array, in query order. Forwarded once: the owner answers 503 for anything it no longer holds.
     */
    public CompletableFuture<List<VerdictItem>> verdicts(HostInfo owner, byte[] batch, int asked, Duration wait) {
        HttpRequest request = caller.authorize(HttpRequest.newBuilder(uri(owner, VerdictProtocol.PATH)))
                .timeout(wait.plusSeconds(2))
                .header(VerdictProtocol.FORWARDED_HEADER, "1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch))
                .build();
        forwardedBatches.increment();
        return send(owner, request).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw relayed(owner, response);
            }
            return VerdictResponseCodec.read(response.body(), asked);
        });
    }

    public CompletableFuture<JsonNode> localStats(HostInfo peer) {
        return get(peer, LOCAL_STATS_PATH, Duration.ZERO).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw relayed(peer, response);
            }
            return ContractJson.tree(response.body());
        });
    }

    private CompletableFuture<HttpResponse<byte[]>> get(HostInfo host, String path, Duration wait) {
        return send(host, caller.authorize(HttpRequest.newBuilder(uri(host, path)))
                .timeout(wait.plusSeconds(2))
                .header(VerdictProtocol.FORWARDED_HEADER, "1")
                .GET()
                .build());
    }

    private static URI uri(HostInfo host, String path) {
        return URI.create("http://" + host.host() + ":" + host.port() + path);
    }

    private CompletableFuture<HttpResponse<byte[]>> send(HostInfo host, HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> response = new CompletableFuture<>();
        try {
            calls.execute(() -> {
                try {
                    response.complete(http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
                } catch (IOException e) {
                    response.completeExceptionally(notAnswered(host, e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    response.completeExceptionally(notAnswered(host, e));
                }
            });
        } catch (RejectedExecutionException e) {
            response.completeExceptionally(new LookupOverloadedException("Too many requests to other instances are in flight; retry shortly."));
        }
        return response;
    }

    private static PeerUnreachableException notAnswered(HostInfo host, Exception error) {
        return new PeerUnreachableException("Instance " + host.host() + ":" + host.port() + " did not answer: " + error.getMessage());
    }

    private static ThreadPoolExecutor callThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(MAX_CONCURRENT_CALLS, MAX_CONCURRENT_CALLS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1_000), runnable -> {
                    Thread thread = new Thread(runnable, "dedup-peer-call-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The owner's own timeout is the answer; anything else from it means it could not answer. */
    private static RuntimeException relayed(HostInfo host, HttpResponse<byte[]> response) {
        JsonNode body;
        try {
            body = ContractJson.tree(response.body());
        } catch (IllegalArgumentException e) {
            body = ContractJson.MAPPER.createObjectNode();
        }
        String message = body.path("message").asText("Instance " + host.host() + ":" + host.port() + " answered " + response.statusCode() + ".");
        if (response.statusCode() == 504) {
            return new PositionNotReachedException(message);
        }
        return new PeerUnreachableException(message);
    }
}
