package dev.webhookgate.contract.verdict;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.webhookgate.contract.ContractJson;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /internal/v1/verdicts}, written and read with Jackson's streaming API: every
 * ingest delivery passes through here once on each side, and building trees for it was a visible share
 * of both services' CPU.
 */
public final class VerdictRequestCodec {

    /** The request as read: values stay text, so the server can answer a bad item alone, naming its field. */
    public record Received(String waitMs, List<ReceivedQuery> queries) {
    }

    /** One item as sent; any field may be missing ({@code null}). */
    public record ReceivedQuery(String provider, String idempotencyKey, String partition, String offset) {
    }

    private VerdictRequestCodec() {
    }

    /** The ingest writes it, and a dedup instance writes the part another instance owns for that owner. */
    public static byte[] write(Duration wait, List<VerdictQuery> queries) {
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

    /** @throws MalformedVerdictRequest when the request cannot be read as a whole */
    public static Received read(byte[] body, int maxQueries) {
        String waitMs = null;
        List<ReceivedQuery> queries = null;
        try (JsonParser parser = ContractJson.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedVerdictRequest("The body must be a JSON object.");
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
            throw new MalformedVerdictRequest("The body must be JSON: " + e.getMessage());
        }
        if (queries == null) {
            throw tooMany(maxQueries);
        }
        return new Received(waitMs, queries);
    }

    private static List<ReceivedQuery> readQueries(JsonParser parser, int maxQueries) throws IOException {
        List<ReceivedQuery> queries = new ArrayList<>();
        for (JsonToken item; (item = parser.nextToken()) != JsonToken.END_ARRAY; ) {
            if (queries.size() == maxQueries) {
                throw tooMany(maxQueries);
            }
            if (item != JsonToken.START_OBJECT) {
                parser.skipChildren();
                queries.add(new ReceivedQuery(null, null, null, null));
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
            queries.add(new ReceivedQuery(provider, key, partition, offset));
        }
        return queries;
    }

    private static MalformedVerdictRequest tooMany(int maxQueries) {
        return new MalformedVerdictRequest("queries must be an array of at most " + maxQueries + " items.");
    }
}
