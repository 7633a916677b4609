package dev.webhookgate.ingest.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;

/**
 * The acknowledgment body, in the field order docs/api.md fixes. Rendered from the stored first delivery, so a
 * replay renders the very same bytes as the first answer did.
 */
public record Ack(String provider, String idempotencyKey, String eventId, String receivedAt) {

    public byte[] accepted() {
        return render("accepted");
    }

    public byte[] queued() {
        return render("queued");
    }

    private byte[] render(String status) {
        ObjectNode node = ContractJson.MAPPER.createObjectNode();
        node.put("status", status);
        node.put("provider", provider);
        node.put("idempotency_key", idempotencyKey);
        node.put("event_id", eventId);
        node.put("received_at", receivedAt);
        return ContractJson.bytes(node);
    }
}
