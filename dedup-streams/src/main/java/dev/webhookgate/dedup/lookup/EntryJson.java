package dev.webhookgate.dedup.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.dedup.topology.DedupEntry;

/** The internal wire form of a stored entry, as one instance hands it to another. */
public final class EntryJson {

    private EntryJson() {
    }

    public static ObjectNode write(DedupEntry e) {
        ObjectNode node = ContractJson.MAPPER.createObjectNode();
        node.put("event_id", e.eventId());
        node.put("first_seen", UtcMillis.format(e.firstSeen()));
        node.put("fingerprint", e.fingerprint());
        node.put("partition", e.partition());
        node.put("offset", e.offset());
        node.put("duplicates", e.duplicates());
        node.put("last_seen", UtcMillis.format(e.lastSeen()));
        node.put("last_offset", e.lastOffset());
        return node;
    }

    /** The head every public answer about a key starts with, in docs/api.md's field order. */
    public static ObjectNode keyed(DedupKey key, DedupEntry e) {
        ObjectNode node = ContractJson.MAPPER.createObjectNode();
        node.put("provider", key.provider().id());
        node.put("idempotency_key", key.idempotencyKey());
        node.put("event_id", e.eventId());
        return node;
    }

    public static DedupEntry read(JsonNode node) {
        return new DedupEntry(node.path("event_id").asText(), UtcMillis.parse(node.path("first_seen").asText()),
                node.path("fingerprint").asText(), node.path("partition").asInt(), node.path("offset").asLong(),
                node.path("duplicates").asInt(), UtcMillis.parse(node.path("last_seen").asText()), node.path("last_offset").asLong());
    }
}
