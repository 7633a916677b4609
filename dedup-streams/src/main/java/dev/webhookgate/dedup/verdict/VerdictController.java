package dev.webhookgate.dedup.verdict;

import dev.webhookgate.dedup.http.DedupErrors;
import dev.webhookgate.dedup.http.RequestParams;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.verdict.VerdictItem;
import dev.webhookgate.contract.verdict.VerdictProtocol;
import dev.webhookgate.contract.verdict.VerdictQuery;
import dev.webhookgate.contract.verdict.VerdictRequestCodec;
import dev.webhookgate.contract.verdict.VerdictResponseCodec;
import dev.webhookgate.dedup.lookup.PeerClient;
import dev.webhookgate.dedup.lookup.PositionMark;
import dev.webhookgate.dedup.lookup.RoutedKeyLookup;
import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.http.ErrorMapping;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/** The verdict protocol (docs/verdict-protocol.md): read-your-writes answers for the ingest. */
public final class VerdictController {

    private final RoutedKeyLookup lookup;
    private final PeerClient peers;
    private final Topics topics;

    public VerdictController(RoutedKeyLookup lookup, PeerClient peers, Topics topics) {
        this.lookup = lookup;
        this.peers = peers;
        this.topics = topics;
    }

    /**
     * Items for this instance's partitions are answered here; the rest go to their owners as one batch per
     * owner (marked forwarded, so never forwarded again), not one request per item.
     */
    public void batch(Context ctx) {
        VerdictBatch request = VerdictBatch.parse(ctx.bodyAsBytes(), VerdictProtocol.MAX_QUERIES);
        boolean forwarded = ctx.header(VerdictProtocol.FORWARDED_HEADER) != null;
        List<CompletableFuture<VerdictItem>> answers = new ArrayList<>(request.queries().size());
        Map<HostInfo, Map<Integer, VerdictQuery>> remote = new LinkedHashMap<>();
        for (VerdictRequestCodec.ReceivedQuery query : request.queries()) {
            answers.add(null);
            int index = answers.size() - 1;
            try {
                DedupKey key = RequestParams.key(query.provider(), query.idempotencyKey());
                int partition = RequestParams.partition(query.partition());
                long offset = RequestParams.nonNegative("offset", query.offset());
                Optional<HostInfo> owner = lookup.remoteOwner(key, partition);
                if (owner.isEmpty()) {
                    answers.set(index, answerOf(lookup.readHere(key, partition, markOf(partition, offset), request.waitFor())
                            .thenApply(found -> VerdictBatch.found(key, held(found, key, partition, offset)))));
                } else if (forwarded) {
                    answers.set(index, CompletableFuture.completedFuture(failedItem(RoutedKeyLookup.movedWhileForwarded(partition))));
                } else {
                    remote.computeIfAbsent(owner.get(), host -> new LinkedHashMap<>()).put(index, new VerdictQuery(key, partition, offset));
                }
            } catch (RuntimeException e) {
                // a bad item or an unplaceable partition fails that item only; anything unforeseen fails the batch
                ApiException answer = DedupErrors.MAPPING.resolve(e).orElseThrow(() -> e);
                answers.set(index, CompletableFuture.completedFuture(VerdictBatch.failed(answer)));
            }
        }
        remote.forEach((owner, queries) -> forward(owner, queries, request.waitFor(), answers));
        ctx.future(() -> CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenAccept(done ->
                ctx.contentType("application/json").result(VerdictResponseCodec.write(answers.stream().map(CompletableFuture::join).toList()))));
    }

    /** @param queries by their index in the whole batch, in query order */
    private void forward(HostInfo owner, Map<Integer, VerdictQuery> queries, Duration wait, List<CompletableFuture<VerdictItem>> answers) {
        CompletableFuture<List<VerdictItem>> ownersAnswers = peers.verdicts(owner,
                VerdictRequestCodec.write(wait, List.copyOf(queries.values())), queries.size(), wait);
        int position = 0;
        for (int index : queries.keySet()) {
            int asked = position++;
            answers.set(index, answerOf(ownersAnswers.thenApply(verdicts -> verdicts.get(asked))));
        }
    }

    private static CompletableFuture<VerdictItem> answerOf(CompletableFuture<VerdictItem> answer) {
        return answer.exceptionally(VerdictController::failedItem);
    }

    private static VerdictItem failedItem(Throwable error) {
        return VerdictBatch.failed(DedupErrors.MAPPING.resolve(error).orElseGet(() -> new ApiException(500, "internal_error",
                "The verdict could not be computed: " + ErrorMapping.unwrap(error).getMessage())));
    }

    private PositionMark markOf(int partition, long offset) {
        return new PositionMark(topics.inbound(), partition, offset);
    }

    private DedupEntry held(Optional<DedupEntry> found, DedupKey key, int partition, long offset) {
        return found.orElseThrow(() ->
                ApiException.notFound("No entry for " + key + " after " + topics.inbound() + "-" + partition + " offset " + offset + "."));
    }
}
