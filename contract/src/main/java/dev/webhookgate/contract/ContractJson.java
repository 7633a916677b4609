package dev.webhookgate.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire form of every record on the topics (docs/api.md): one flat JSON object in snake_case. Written by hand
 * rather than by annotations so that field order and the flat shape of duplicates and dead letters
 * are fixed here and nowhere else.
 */
public final class ContractJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ContractJson() {
    }

    public static ObjectNode envelopeNode(WebhookEnvelope e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("event_id", e.eventId());
        node.put("provider", e.provider().id());
        node.put("idempotency_key", e.idempotencyKey());
        node.put("received_at", UtcMillis.format(e.receivedAt()));
        node.put("fingerprint", e.fingerprint());
        node.put("content_type", e.contentType());
        ObjectNode headers = node.putObject("headers");
        e.headers().forEach(headers::put);
        node.put("body", e.body());
        return node;
    }

    public static WebhookEnvelope envelopeFrom(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode headerNode = node.path("headers");
        headerNode.fieldNames().forEachRemaining(name -> headers.put(name, headerNode.get(name).asText()));
        return new WebhookEnvelope(
                required(node, "event_id"),
                Provider.fromId(required(node, "provider"))
                        .orElseThrow(() -> new IllegalArgumentException("unknown provider " + node.get("provider"))),
                required(node, "idempotency_key"),
                UtcMillis.parse(required(node, "received_at")),
                required(node, "fingerprint"),
                node.path("content_type").asText(""),
                headers,
                node.path("body").asText(""));
    }

    public static byte[] envelope(WebhookEnvelope e) {
        return bytes(envelopeNode(e));
    }

    public static WebhookEnvelope envelope(byte[] json) {
        return envelopeFrom(tree(json));
    }

    public static byte[] duplicate(DuplicateRecord d) {
        ObjectNode node = envelopeNode(d.envelope());
        node.put("verdict", d.verdict().wire());
        node.put("original_event_id", d.originalEventId());
        return bytes(node);
    }

    public static DuplicateRecord duplicate(byte[] json) {
        JsonNode node = tree(json);
        return new DuplicateRecord(envelopeFrom(node), Verdict.fromWire(required(node, "verdict")),
                required(node, "original_event_id"));
    }

    public static byte[] deadLetter(DeadLetter d) {
        ObjectNode node = envelopeNode(d.envelope());
        node.put("error", d.error());
        node.put("failed_at", UtcMillis.format(d.failedAt()));
        return bytes(node);
    }

    public static DeadLetter deadLetter(byte[] json) {
        JsonNode node = tree(json);
        return new DeadLetter(envelopeFrom(node), required(node, "error"), UtcMillis.parse(required(node, "failed_at")));
    }

    public static byte[] command(Command command) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("op", command.op());
        return bytes(node);
    }

    public static Command command(byte[] json) {
        return Command.fromOp(required(tree(json), "op"));
    }

    public static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a streaming writer does with its generator; the generator is opened and closed around it. */
    @FunctionalInterface
    public interface StreamingWriter {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * JSON written straight to bytes with Jackson's streaming API, for the paths that run once per delivery,
     * where building a tree first showed in the profiles.
     */
    public static byte[] write(int sizeHint, StreamingWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(bytes)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value.asText();
    }
}
