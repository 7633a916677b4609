package dev.webhookgate.dedup.http;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.dedup.query.PeerClient;
import dev.webhookgate.dedup.query.PositionMark;
import dev.webhookgate.dedup.query.RoutedKeyLookup;
import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.http.ApiException;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The verdict protocol (docs/verdict-protocol.md): read-your-writes answers for the ingest. */
public final class VerdictController {

    static final int MAX_BATCH = 1000;

    private final RoutedKeyLookup lookup;
    private final Topics topics;

    public VerdictController(RoutedKeyLookup lookup, Topics topics) {
        this.lookup = lookup;
        this.topics = topics;
    }

    public void single(Context ctx) {
        DedupKey key = RequestParams.key(ctx.pathParam("provider"), ctx.pathParam("key"));
        int partition = RequestParams.partition(ctx.queryParam("partition"));
        long offset = RequestParams.nonNegative("offset", ctx.queryParam("offset"));
        Duration wait = RequestParams.waitMs(ctx.queryParam("wait_ms"));
        boolean forwarded = ctx.header(PeerClient.FORWARDED_HEADER) != null;
        ctx.future(() -> entryAt(key, partition, offset, wait, forwarded).thenAccept(entry ->
                ctx.contentType("application/json").result(VerdictBatch.renderOne(key, entry))));
    }

    public void batch(Context ctx) {
        VerdictBatch request = VerdictBatch.parse(ctx.bodyAsBytes(), MAX_BATCH);
        List<CompletableFuture<VerdictBatch.Answer>> answers = new ArrayList<>(request.queries().size());
        for (VerdictBatch.Query query : request.queries()) {
            answers.add(batchItem(query, request.waitFor()));
        }
        ctx.future(() -> CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenAccept(done ->
                ctx.contentType("application/json").result(VerdictBatch.render(answers.stream().map(CompletableFuture::join).toList()))));
    }

    private CompletableFuture<VerdictBatch.Answer> batchItem(VerdictBatch.Query query, Duration wait) {
        CompletableFuture<VerdictBatch.Answer> answer;
        try {
            DedupKey key = RequestParams.key(query.provider(), query.idempotencyKey());
            int partition = RequestParams.partition(query.partition());
            long offset = RequestParams.nonNegative("offset", query.offset());
            answer = entryAt(key, partition, offset, wait, false).thenApply(entry -> VerdictBatch.Answer.found(key, entry));
        } catch (ApiException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.exceptionally(VerdictController::failedItem);
    }

    private static VerdictBatch.Answer failedItem(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return VerdictBatch.Answer.failed(cause instanceof ApiException e ? e
                : new ApiException(500, "internal_error", "The verdict could not be computed: " + cause.getMessage()));
    }

    private CompletableFuture<DedupEntry> entryAt(DedupKey key, int partition, long offset, Duration wait, boolean forwarded) {
        PositionMark mark = new PositionMark(topics.inbound(), partition, offset);
        return lookup.read(key, partition, Optional.of(mark), wait, forwarded).thenApply(found -> found.orElseThrow(() ->
                ApiException.notFound("No entry for " + key + " after " + topics.inbound() + "-" + partition + " offset " + offset + ".")));
    }
}
