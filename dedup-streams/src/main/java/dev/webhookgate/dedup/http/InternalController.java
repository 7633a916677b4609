package dev.webhookgate.dedup.http;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.verdict.VerdictProtocol;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.dedup.lookup.EntryJson;
import dev.webhookgate.dedup.lookup.PeerClient;
import dev.webhookgate.dedup.lookup.PositionMark;
import dev.webhookgate.dedup.lookup.RoutedKeyLookup;
import dev.webhookgate.dedup.ops.StatsReader;
import dev.webhookgate.http.ApiException;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/** What instances ask each other: a key's raw entry from its owner, and each one's share of the stats. */
public final class InternalController {

    private final RoutedKeyLookup lookup;
    private final StatsReader stats;
    private final Topics topics;

    public InternalController(RoutedKeyLookup lookup, StatsReader stats, Topics topics) {
        this.lookup = lookup;
        this.stats = stats;
        this.topics = topics;
    }

    public void entry(Context ctx) {
        DedupKey key = RequestParams.key(ctx.pathParam("provider"), ctx.pathParam("key"));
        int partition = RequestParams.partition(ctx.queryParam("partition"));
        Duration wait = RequestParams.waitMs(ctx.queryParam("wait_ms"));
        Optional<PositionMark> mark = Optional.ofNullable(ctx.queryParam("position_topic")).map(topic -> {
            if (!topic.equals(topics.inbound()) && !topic.equals(topics.commands())) {
                throw ApiException.badRequest("invalid_request", "position_topic must be " + topics.inbound() + " or " + topics.commands() + ".");
            }
            return new PositionMark(topic, partition, RequestParams.nonNegative("offset", ctx.queryParam("offset")));
        });
        boolean forwarded = ctx.header(VerdictProtocol.FORWARDED_HEADER) != null;
        ctx.future(() -> lookup.read(key, partition, mark, wait, forwarded).thenAccept(found -> ctx.json(EntryJson.write(
                found.orElseThrow(() -> ApiException.notFound("No entry for " + key + "."))))));
    }

    public void localStats(Context ctx) {
        ctx.json(stats.local().toInternalJson());
    }
}
