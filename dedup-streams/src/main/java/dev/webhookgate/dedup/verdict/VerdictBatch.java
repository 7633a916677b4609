package dev.webhookgate.dedup.verdict;

import dev.webhookgate.dedup.http.RequestParams;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.http.ApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of {@code POST /internal/v1/verdicts} (docs/verdict-protocol.md), read and written with
 * Jackson's streaming API: every ingest delivery passes through here once, and building trees for it was
 * a visible share of dedup-streams' CPU. Values stay text until {@link RequestParams} checks them, so a
 * bad item gets the error that names its field, for that item alone.
 */
record VerdictBatch(Duration waitFor, List<Query> queries) {

    /** One item as sent; any field may be missing ({@code null}). */
    record Query(String provider, String idempotencyKey, String partition, String offset) {
    }

    /**
     * One item's answer: the key's stored first delivery, the error for this item alone, or the owner's own
     * answer when the item was forwarded to the instance that holds its partition.
     */
    record Answer(DedupKey key, DedupEntry entry, ApiException error, JsonNode relayed) {

        static Answer found(DedupKey key, DedupEntry entry) {
            return new Answer(key, entry, null, null);
        }

        static Answer failed(ApiException error) {
            return new Answer(null, null, error, null);
        }

        static Answer relayed(JsonNode ownersAnswer) {
            return new Answer(null, null, null, ownersAnswer);
        }
    }

    static VerdictBatch parse(byte[] body, int maxQueries) {
        String waitMs = null;
        List<Query> queries = null;
        try (JsonParser parser = ContractJson.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("The body must be a JSON object.");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("wait_ms") && value != JsonToken.VALUE_NULL) {
                    waitMs = parser.getValueAsString();
                } else if (field.equals("queries") && value == JsonToken.START_ARRAY) {
                    queries = readQueries(parser, maxQueries);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw invalid("The body must be JSON: " + e.getMessage());
        }
        if (queries == null) {
            throw invalid("queries must be an array of at most " + maxQueries + " items.");
        }
        return new VerdictBatch(RequestParams.waitMs(waitMs), queries);
    }

    private static List<Query> readQueries(JsonParser parser, int maxQueries) throws IOException {
        List<Query> queries = new ArrayList<>();
        for (JsonToken item; (item = parser.nextToken()) != JsonToken.END_ARRAY; ) {
            if (queries.size() == maxQueries) {
                throw invalid("queries must be an array of at most " + maxQueries + " items.");
            }
            if (item != JsonToken.START_OBJECT) {
                parser.skipChildren();
                queries.add(new Query(null, null, null, null));
                continue;
            }
            String provider = null;
            String key = null;
            String partition = null;
            String offset = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                String text = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getValueAsString() : null;
                parser.skipChildren();
                switch (field) {
                    case "provider" -> provider = text;
                    case "idempotency_key" -> key = text;
                    case "partition" -> partition = text;
                    case "offset" -> offset = text;
                    default -> {
                        // unknown fields are ignored, as in every other JSON the gateway reads
                    }
                }
            }
            queries.add(new Query(provider, key, partition, offset));
        }
        return queries;
    }

    static byte[] render(List<Answer> answers) {
        return ContractJson.write(64 + 256 * answers.size(), json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("verdicts");
            for (Answer answer : answers) {
                if (answer.relayed() != null) {
                    json.writeTree(answer.relayed());
                    continue;
                }
                json.writeStartObject();
                if (answer.error() == null) {
                    json.writeNumberField("status", 200);
                    writeVerdictFields(json, answer.key(), answer.entry());
                } else {
                    json.writeNumberField("status", answer.error().status());
                    json.writeStringField("error", answer.error().code());
                    json.writeStringField("message", answer.error().getMessage());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeVerdictFields(JsonGenerator json, DedupKey key, DedupEntry entry) throws IOException {
        json.writeStringField("provider", key.provider().id());
        json.writeStringField("idempotency_key", key.idempotencyKey());
        json.writeStringField("event_id", entry.eventId());
        json.writeStringField("received_at", UtcMillis.format(entry.firstSeen()));
        json.writeStringField("fingerprint", entry.fingerprint());
        json.writeNumberField("partition", entry.partition());
        json.writeNumberField("offset", entry.offset());
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_request", message);
    }
}
