package dev.webhookgate.dedup.ops;

import dev.webhookgate.dedup.http.RequestParams;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.contract.IdempotencySettings;
import dev.webhookgate.dedup.lookup.EntryJson;
import dev.webhookgate.dedup.lookup.RoutedKeyLookup;
import dev.webhookgate.dedup.lookup.StoreNotReadyException;
import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.http.ApiException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The operator's API of docs/api.md (Dedup and ops API): look up, count and forget keys. */
public final class OpsController {

    /** A forget waits at most this long to be applied; past it the operator is told to look again. */
    static final Duration FORGET_WAIT = Duration.ofSeconds(5);

    private final RoutedKeyLookup lookup;
    private final StatsReader stats;
    private final ForgetCommands commands;
    private final IdempotencySettings settings;
    private final Clock clock;

    public OpsController(RoutedKeyLookup lookup, StatsReader stats, ForgetCommands commands, IdempotencySettings settings, Clock clock) {
        this.lookup = lookup;
        this.stats = stats;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    public void key(Context ctx) {
        DedupKey key = RequestParams.key(ctx.pathParam("provider"), ctx.pathParam("key"));
        ctx.future(() -> activeEntry(key).thenAccept(entry -> ctx.json(render(key, entry))));
    }

    public void stats(Context ctx) {
        ctx.future(() -> stats.all().thenAccept(sum -> ctx.json(sum.toContractJson())));
    }

    /**
     * Answers 202 only once the owner's store has applied the command (its position on the commands
     * partition reached the command's offset), so a delivery sent right after the 202 is processed anew.
     */
    public void forget(Context ctx) {
        DedupKey key = RequestParams.key(ctx.pathParam("provider"), ctx.pathParam("key"));
        ctx.future(() -> activeEntry(key)
                .thenCompose(held -> commands.forget(key))
                .thenCompose(mark -> lookup.read(key, mark.partition(), Optional.of(mark), FORGET_WAIT, false))
                .thenAccept(after -> {
                    ObjectNode body = ContractJson.MAPPER.createObjectNode();
                    body.put("status", "forgotten");
                    body.put("provider", key.provider().id());
                    body.put("idempotency_key", key.idempotencyKey());
                    ctx.status(202).json(body);
                }));
    }

    /** An expired key still in a retained segment is absent, as docs/api.md says. */
    private CompletableFuture<DedupEntry> activeEntry(DedupKey key) {
        int partition;
        try {
            partition = lookup.partitionOf(key);
        } catch (StoreNotReadyException e) {
            return CompletableFuture.failedFuture(e);
        }
        Duration ttl = settings.ttlFor(key.provider());
        return lookup.read(key, partition, Optional.empty(), Duration.ZERO, false).thenApply(found -> found
                .filter(entry -> !entry.isExpiredAt(clock.instant(), ttl))
                .orElseThrow(() -> ApiException.notFound("No idempotency key " + key.idempotencyKey() + " for provider "
                        + key.provider().id() + ".")));
    }

    private ObjectNode render(DedupKey key, DedupEntry entry) {
        ObjectNode node = EntryJson.keyed(key, entry);
        node.put("first_seen", UtcMillis.format(entry.firstSeen()));
        node.put("expires_at", UtcMillis.format(entry.expiresAt(settings.ttlFor(key.provider()))));
        node.put("fingerprint", entry.fingerprint());
        node.put("duplicates", entry.duplicates());
        node.put("last_seen", UtcMillis.format(entry.lastSeen()));
        return node;
    }
}
