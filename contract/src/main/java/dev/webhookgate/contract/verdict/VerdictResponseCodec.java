package dev.webhookgate.contract.verdict;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.webhookgate.contract.ContractJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to {@code POST /internal/v1/verdicts}: {@code {"verdicts":[item, ...]}}, one item per query in
 * query order. dedup-streams writes it; the ingest reads it, and so does a dedup instance that forwarded
 * part of a batch to its owner. Reading is total: whatever the answer lacks becomes a
 * {@link VerdictItem.Failed} for that item, never an exception, and there are always as many items as asked.
 */
public final class VerdictResponseCodec {

    private VerdictResponseCodec() {
    }

    public static byte[] write(List<VerdictItem> items) {
        return ContractJson.write(64 + 256 * items.size(), json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("verdicts");
            for (VerdictItem item : items) {
                json.writeStartObject();
                if (item instanceof VerdictItem.Found found) {
                    json.writeNumberField("status", 200);
                    json.writeStringField("provider", found.provider());
                    json.writeStringField("idempotency_key", found.idempotencyKey());
                    json.writeStringField("event_id", found.eventId());
                    json.writeStringField("received_at", found.receivedAt());
                    json.writeStringField("fingerprint", found.fingerprint());
                    json.writeNumberField("partition", found.partition());
                    json.writeNumberField("offset", found.offset());
                } else if (item instanceof VerdictItem.Failed failed) {
                    json.writeNumberField("status", failed.status());
                    json.writeStringField("error", failed.error());
                    json.writeStringField("message", failed.message());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** Exactly {@code expected} items in query order; items missing from the answer are {@link VerdictItem.Failed}. */
    public static List<VerdictItem> read(byte[] body, int expected) {
        List<VerdictItem> items = new ArrayList<>(expected);
        try (JsonParser parser = ContractJson.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("verdicts") && value == JsonToken.START_ARRAY) {
                        for (JsonToken item; (item = parser.nextToken()) != JsonToken.END_ARRAY; ) {
                            items.add(item == JsonToken.START_OBJECT ? readItem(parser) : skipped(parser));
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            return padded(List.of(), expected, "unreadable JSON: " + e.getMessage());
        }
        return padded(items, expected, "fewer verdicts than asked");
    }

    private static VerdictItem readItem(JsonParser parser) throws IOException {
        int status = 0;
        String provider = null;
        String idempotencyKey = null;
        String eventId = null;
        String receivedAt = null;
        String fingerprint = null;
        int partition = -1;
        long offset = -1;
        String error = null;
        String message = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "status" -> status = parser.getValueAsInt();
                case "provider" -> provider = parser.getValueAsString();
                case "idempotency_key" -> idempotencyKey = parser.getValueAsString();
                case "event_id" -> eventId = parser.getValueAsString();
                case "received_at" -> receivedAt = parser.getValueAsString();
                case "fingerprint" -> fingerprint = parser.getValueAsString();
                case "partition" -> partition = parser.getValueAsInt(-1);
                case "offset" -> offset = parser.getValueAsLong(-1);
                case "error" -> error = parser.getValueAsString();
                case "message" -> message = parser.getValueAsString();
                default -> {
                    // fields a later version adds say nothing this version acts on
                }
            }
            if (value.isStructStart()) {
                parser.skipChildren();
            }
        }
        if (status != 200) {
            return new VerdictItem.Failed(status, error, message);
        }
        if (eventId == null || receivedAt == null || fingerprint == null) {
            return incomplete("a verdict without event_id, received_at or fingerprint");
        }
        return new VerdictItem.Found(provider, idempotencyKey, eventId, receivedAt, fingerprint, partition, offset);
    }

    private static VerdictItem skipped(JsonParser parser) throws IOException {
        parser.skipChildren();
        return incomplete("a verdict that is not an object");
    }

    /** 502: the answering instance spoke, but not the protocol. */
    private static VerdictItem.Failed incomplete(String what) {
        return new VerdictItem.Failed(502, "bad_verdict", "dedup-streams answered " + what);
    }

    private static List<VerdictItem> padded(List<VerdictItem> items, int expected, String reason) {
        List<VerdictItem> complete = new ArrayList<>(items.subList(0, Math.min(items.size(), expected)));
        while (complete.size() < expected) {
            complete.add(incomplete(reason));
        }
        return complete;
    }
}
