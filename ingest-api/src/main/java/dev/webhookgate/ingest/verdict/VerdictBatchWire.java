package dev.webhookgate.ingest.verdict;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.webhookgate.contract.ContractJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest's reading of {@code POST /internal/v1/verdicts} answers (docs/verdict-protocol.md), with
 * Jackson's streaming API: every delivery passes through here, and building trees for it showed in the
 * ingest's profile. Whatever the answer lacks becomes {@link VerdictAnswer.Unknown}, never an exception.
 * The request is {@link dev.webhookgate.contract.VerdictQuery#batch}.
 */
final class VerdictBatchWire {

    private VerdictBatchWire() {
    }

    /** Exactly {@code expected} answers in query order; items missing from the reply are {@link VerdictAnswer.Unknown}. */
    static List<VerdictAnswer> answers(byte[] body, int expected) {
        List<VerdictAnswer> answers = new ArrayList<>(expected);
        try (JsonParser parser = ContractJson.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("verdicts") && value == JsonToken.START_ARRAY) {
                        for (JsonToken item; (item = parser.nextToken()) != JsonToken.END_ARRAY; ) {
                            answers.add(item == JsonToken.START_OBJECT ? readItem(parser) : skipped(parser));
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            return padded(List.of(), expected, "dedup-streams answered unreadable JSON: " + e.getMessage());
        }
        return padded(answers, expected, "dedup-streams answered fewer verdicts than asked");
    }

    private static VerdictAnswer readItem(JsonParser parser) throws IOException {
        int status = 0;
        String eventId = null;
        String receivedAt = null;
        String fingerprint = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "status" -> status = parser.getValueAsInt();
                case "event_id" -> eventId = parser.getValueAsString();
                case "received_at" -> receivedAt = parser.getValueAsString();
                case "fingerprint" -> fingerprint = parser.getValueAsString();
                default -> {
                    // other fields (provider, offset, error, message) say nothing the ingest acts on
                }
            }
            if (value.isStructStart()) {
                parser.skipChildren();
            }
        }
        if (status != 200) {
            return new VerdictAnswer.Unknown("dedup-streams answered " + status);
        }
        return VerdictTransport.firstDelivery(eventId, receivedAt, fingerprint);
    }

    private static VerdictAnswer skipped(JsonParser parser) throws IOException {
        parser.skipChildren();
        return new VerdictAnswer.Unknown("dedup-streams answered a verdict that is not an object");
    }

    private static List<VerdictAnswer> padded(List<VerdictAnswer> answers, int expected, String reason) {
        List<VerdictAnswer> complete = new ArrayList<>(answers.subList(0, Math.min(answers.size(), expected)));
        while (complete.size() < expected) {
            complete.add(new VerdictAnswer.Unknown(reason));
        }
        return complete;
    }
}
