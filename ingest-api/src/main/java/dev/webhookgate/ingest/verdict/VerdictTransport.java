package dev.webhookgate.ingest.verdict;

import dev.webhookgate.contract.verdict.VerdictProtocol;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.http.access.AccessTokens;
import dev.webhookgate.http.access.InternalCaller;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One keep-alive HTTP client to dedup-streams, with an executor of its own: by default JDK 17 completes
 * {@code sendAsync} on the common ForkJoin pool, whose parallelism is 1 on a 2-CPU box, and compensates by
 * starting a thread per response (thousands of threads in seconds, a quarter of the throughput).
 */
final class VerdictTransport implements AutoCloseable {

    /** Headroom over wait_ms for the round trip itself, so the server's 504 arrives before our own timeout. */
    static final Duration TRANSPORT_SLACK = Duration.ofMillis(500);

    final URI base;
    final HttpClient http;
    /** dedup's /internal/* is behind INTERNAL_TOKEN when one is set; every verdict request carries it */
    final InternalCaller caller;
    private final ExecutorService executor;

    VerdictTransport(URI dedupUrl, AccessTokens tokens) {
        this.caller = new InternalCaller(tokens);
        this.base = URI.create(dedupUrl.toString().replaceAll("/+$", "") + VerdictProtocol.PATH);
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
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
