package dev.webhookgate.contract;

import java.time.Duration;
import java.util.List;

/**
 * One item of the verdict batch protocol (docs/verdict-protocol.md): what did dedup-streams decide for the
 * inbound record of {@code key} at {@code partition}/{@code offset}?
 */
public record VerdictQuery(DedupKey key, int partition, long offset) {

    /**
     * The body of {@code POST /internal/v1/verdicts}. The ingest sends it, and a dedup instance sends the part
     * that another instance owns to that instance, so both write it here.
     */
    public static byte[] batch(Duration wait, List<VerdictQuery> queries) {
        return ContractJson.write(32 + 96 * queries.size(), json -> {
            json.writeStartObject();
            json.writeNumberField("wait_ms", wait.toMillis());
            json.writeArrayFieldStart("queries");
            for (VerdictQuery query : queries) {
                json.writeStartObject();
                json.writeStringField("provider", query.key().provider().id());
                json.writeStringField("idempotency_key", query.key().idempotencyKey());
                json.writeNumberField("partition", query.partition());
                json.writeNumberField("offset", query.offset());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
