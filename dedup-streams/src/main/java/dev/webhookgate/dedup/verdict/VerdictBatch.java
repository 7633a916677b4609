package dev.webhookgate.dedup.verdict;

import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.contract.verdict.MalformedVerdictRequest;
import dev.webhookgate.contract.verdict.VerdictItem;
import dev.webhookgate.contract.verdict.VerdictRequestCodec;
import dev.webhookgate.dedup.http.RequestParams;
import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.http.ApiException;
import java.time.Duration;
import java.util.List;

/**
 * A verdict request as dedup-streams takes it: read by the protocol's own codec
 * ({@link VerdictRequestCodec}), its wait checked by {@link RequestParams} like every other wait, and the
 * items this instance answers turned into the protocol's {@link VerdictItem}s.
 */
record VerdictBatch(Duration waitFor, List<VerdictRequestCodec.ReceivedQuery> queries) {

    static VerdictBatch parse(byte[] body, int maxQueries) {
        VerdictRequestCodec.Received received;
        try {
            received = VerdictRequestCodec.read(body, maxQueries);
        } catch (MalformedVerdictRequest e) {
            throw ApiException.badRequest("invalid_request", e.getMessage());
        }
        return new VerdictBatch(RequestParams.waitMs(received.waitMs()), received.queries());
    }

    static VerdictItem found(DedupKey key, DedupEntry entry) {
        return new VerdictItem.Found(key.provider().id(), key.idempotencyKey(), entry.eventId(),
                UtcMillis.format(entry.firstSeen()), entry.fingerprint(), entry.partition(), entry.offset());
    }

    static VerdictItem failed(ApiException error) {
        return new VerdictItem.Failed(error.status(), error.code(), error.getMessage());
    }
}
