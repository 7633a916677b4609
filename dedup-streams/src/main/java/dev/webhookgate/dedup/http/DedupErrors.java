package dev.webhookgate.dedup.http;

import dev.webhookgate.dedup.lookup.LookupOverloadedException;
import dev.webhookgate.dedup.lookup.NoSuchPartitionException;
import dev.webhookgate.dedup.lookup.PeerUnreachableException;
import dev.webhookgate.dedup.lookup.PositionNotReachedException;
import dev.webhookgate.dedup.lookup.StoreNotReadyException;
import dev.webhookgate.dedup.ops.CommandNotWrittenException;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.http.ErrorMapping;

/**
 * The one table from dedup-streams' own failures to the error answers of docs/api.md: the lookups, the
 * position watch, the stats and the forget commands throw these and never a status. {@link DedupApp}
 * installs it for every route; the verdict batch uses it for each item it could not answer.
 */
public final class DedupErrors {

    public static final ErrorMapping MAPPING =
            // the store or an instance cannot answer right now: the caller asks again (the ingest answers its own 503)
            ErrorMapping.on(StoreNotReadyException.class, e -> ApiException.unavailable(e.getMessage()))
                    .or(ErrorMapping.on(LookupOverloadedException.class, e -> ApiException.unavailable(e.getMessage())))
                    .or(ErrorMapping.on(PeerUnreachableException.class, e -> ApiException.unavailable(e.getMessage())))
                    .or(ErrorMapping.on(CommandNotWrittenException.class, e -> ApiException.unavailable(e.getMessage())))
                    .or(ErrorMapping.on(PositionNotReachedException.class, e -> new ApiException(504, "verdict_timeout", e.getMessage())))
                    .or(ErrorMapping.on(NoSuchPartitionException.class, e -> ApiException.badRequest("invalid_request", e.getMessage())));

    private DedupErrors() {
    }
}
