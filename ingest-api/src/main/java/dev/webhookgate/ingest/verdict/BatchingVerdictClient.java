package dev.webhookgate.ingest.verdict;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.verdict.VerdictQuery;
import dev.webhookgate.contract.verdict.VerdictRequestCodec;
import dev.webhookgate.ingest.publish.RecordPosition;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import dev.webhookgate.http.access.AccessTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces verdict queries: while a few batches are in flight, new queries wait and leave together in
 * the next {@code POST /internal/v1/verdicts}. An idle client sends a query at once, alone, so coalescing
 * costs no latency; under load one round trip answers hundreds of deliveries.
 *
 * <p>Each batch is a blocking {@code send} on a thread of our own, not {@code sendAsync}: JDK 17's
 * {@code sendAsync} hands every response to {@code CompletableFuture}'s default executor even when the
 * client has an executor, and on a 2-CPU box that executor starts a new thread per task (the profile
 * showed a third of the ingest's CPU samples on such throw-away threads).
 */
public final class BatchingVerdictClient implements VerdictClient {

    private static final Logger log = LoggerFactory.getLogger(BatchingVerdictClient.class);
    static final int MAX_BATCH = 256;
    public static final int DEFAULT_BATCHES_IN_FLIGHT = 2;
    /** Beyond this many waiting queries the answer is 202 at once: the records are durable either way. */
    static final int MAX_WAITING = 20_000;

    private record Query(DedupKey key, RecordPosition position, Duration waitFor, CompletableFuture<VerdictAnswer> answer) {
    }

    private final VerdictTransport transport;
    private final int maxBatchesInFlight;
    private final DistributionSummary batchSizes;
    /** Batches in flight, plus as many finishing: a batch frees its slot before it completes its answers. */
    private final ExecutorService batchThreads;
    private final ArrayDeque<Query> waiting = new ArrayDeque<>();
    private int batchesInFlight;

    /**
     * @param maxBatchesInFlight more means less waiting for a free slot and less coalescing; the service uses
     *     {@link #DEFAULT_BATCHES_IN_FLIGHT}, the bench compares others
     */
    public BatchingVerdictClient(URI dedupUrl, AccessTokens tokens, MeterRegistry registry, int maxBatchesInFlight) {
        this.transport = new VerdictTransport(dedupUrl, tokens);
        this.maxBatchesInFlight = maxBatchesInFlight;
        AtomicInteger n = new AtomicInteger();
        this.batchThreads = Executors.newFixedThreadPool(2 * maxBatchesInFlight, r -> {
            Thread t = new Thread(r, "ingest-verdict-batch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.batchSizes = DistributionSummary.builder("ingest_verdict_batch_size")
                .description("Verdict queries per request to dedup-streams: how much coalescing saves")
                .register(registry);
    }

    @Override
    public CompletableFuture<VerdictAnswer> verdictOf(DedupKey key, RecordPosition position, Duration wait) {
        CompletableFuture<VerdictAnswer> answer = new CompletableFuture<>();
        synchronized (this) {
            if (waiting.size() >= MAX_WAITING) {
                answer.complete(new VerdictAnswer.Unknown(MAX_WAITING + " verdict queries are already waiting"));
                return answer;
            }
            waiting.add(new Query(key, position, wait, answer));
        }
        sendWhatFits();
        return answer;
    }

    private void sendWhatFits() {
        while (true) {
            List<Query> batch;
            synchronized (this) {
                if (batchesInFlight >= maxBatchesInFlight || waiting.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
                while (batch.size() < MAX_BATCH && !waiting.isEmpty()) {
                    batch.add(waiting.poll());
                }
                batchesInFlight++;
            }
            batchSizes.record(batch.size());
            try {
                batchThreads.execute(() -> send(batch));
            } catch (RejectedExecutionException closed) {
                slotFreed();
                batch.forEach(q -> q.answer().complete(new VerdictAnswer.Unknown("the verdict client is closed")));
                return;
            }
        }
    }

    private void slotFreed() {
        synchronized (this) {
            batchesInFlight--;
        }
    }

    /** On a batch thread: one round trip, then the slot goes to the next batch before this one's answers are written. */
    private void send(List<Query> batch) {
        Duration wait = batch.get(0).waitFor();
        List<VerdictQuery> items = new ArrayList<>(batch.size());
        for (Query query : batch) {
            items.add(new VerdictQuery(query.key(), query.position().partition(), query.position().offset()));
        }
        HttpRequest request = transport.caller.authorize(HttpRequest.newBuilder(transport.base))
                .timeout(wait.plus(VerdictTransport.TRANSPORT_SLACK))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(VerdictRequestCodec.write(wait, items)))
                .build();
        HttpResponse<byte[]> response = null;
        Exception failure = null;
        try {
            response = transport.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        slotFreed();
        sendWhatFits();
        if (response != null) {
            complete(batch, response);
        } else {
            // dedup-streams away is an expected state: the deliveries are durable and answer 202
            log.debug("no verdicts for a batch of {}: {}", batch.size(), failure.toString());
            String reason = "dedup-streams did not answer: " + failure.getMessage();
            batch.forEach(q -> q.answer().complete(new VerdictAnswer.Unknown(reason)));
        }
    }

    private static void complete(List<Query> batch, HttpResponse<byte[]> response) {
        List<VerdictAnswer> answers = response.statusCode() == 200
                ? VerdictBatchWire.answers(response.body(), batch.size())
                : null;
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(answers != null ? answers.get(i)
                    : new VerdictAnswer.Unknown("dedup-streams answered " + response.statusCode()));
        }
    }

    @Override
    public void close() {
        batchThreads.shutdown();
        transport.close();
    }
}
