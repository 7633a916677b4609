package dev.webhookgate.dedup.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.dedup.query.EntryJson;
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
        ctx.future(() -> verdict(key, partition, offset, wait, forwarded).thenAccept(ctx::json));
    }

    public void batch(Context ctx) {
        JsonNode body;
        try {
            body = ContractJson.tree(ctx.bodyAsBytes());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", "The body must be JSON: " + e.getMessage());
        }
        JsonNode queries = body.path("queries");
        if (!queries.isArray() || queries.size() > MAX_BATCH) {
            throw ApiException.badRequest("invalid_request", "queries must be an array of at most " + MAX_BATCH + " items.");
        }
        Duration wait = RequestParams.waitMs(body.hasNonNull("wait_ms") ? body.get("wait_ms").asText() : null);
        List<CompletableFuture<ObjectNode>> answers = new ArrayList<>();
        for (JsonNode query : queries) {
            answers.add(batchItem(query, wait));
        }
        ctx.future(() -> CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenAccept(done -> {
            ObjectNode reply = ContractJson.MAPPER.createObjectNode();
            ArrayNode verdicts = reply.putArray("verdicts");
            answers.forEach(answer -> verdicts.add(answer.join()));
            ctx.json(reply);
        }));
    }

    private CompletableFuture<ObjectNode> batchItem(JsonNode query, Duration wait) {
        CompletableFuture<ObjectNode> verdict;
        try {
            DedupKey key = RequestParams.key(query.path("provider").asText(), query.path("idempotency_key").asText());
            int partition = RequestParams.partition(query.path("partition").asText(null));
            long offset = RequestParams.nonNegative("offset", query.path("offset").asText(null));
            verdict = verdict(key, partition, offset, wait, false);
        } catch (ApiException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        return verdict.thenApply(found -> {
            found.put("status", 200);
            return found;
        }).exceptionally(VerdictController::failedItem);
    }

    private static ObjectNode failedItem(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        ApiException api = cause instanceof ApiException e ? e
                : new ApiException(500, "internal_error", "The verdict could not be computed: " + cause.getMessage());
        ObjectNode node = ContractJson.MAPPER.createObjectNode();
        node.put("status", api.status());
        node.put("error", api.code());
        node.put("message", api.getMessage());
        return node;
    }

    private CompletableFuture<ObjectNode> verdict(DedupKey key, int partition, long offset, Duration wait, boolean forwarded) {
        PositionMark mark = new PositionMark(topics.inbound(), partition, offset);
        return lookup.read(key, partition, Optional.of(mark), wait, forwarded).thenApply(found -> render(key,
                found.orElseThrow(() -> ApiException.notFound("No entry for " + key + " after " + topics.inbound() + "-" + partition
                        + " offset " + offset + "."))));
    }

    static ObjectNode render(DedupKey key, DedupEntry entry) {
        ObjectNode node = EntryJson.keyed(key, entry);
        node.put("received_at", UtcMillis.format(entry.firstSeen()));
        node.put("fingerprint", entry.fingerprint());
        node.put("partition", entry.partition());
        node.put("offset", entry.offset());
        return node;
    }
}
