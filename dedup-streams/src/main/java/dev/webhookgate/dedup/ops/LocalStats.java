package dev.webhookgate.dedup.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Provider;
import java.util.EnumMap;
import java.util.Map;

/** One instance's share of the stats, or the sum of several; summed field by field. */
public record LocalStats(long totalKeys, long activeKeys, Map<Provider, Long> activeByProvider, long duplicatesDropped,
                         long conflicts, long forgottenKeys) {

    public LocalStats {
        activeByProvider = Map.copyOf(activeByProvider);
    }

    public static LocalStats empty() {
        return new LocalStats(0, 0, Map.of(), 0, 0, 0);
    }

    public LocalStats plus(LocalStats other) {
        Map<Provider, Long> byProvider = new EnumMap<>(Provider.class);
        byProvider.putAll(activeByProvider);
        other.activeByProvider.forEach((provider, count) -> byProvider.merge(provider, count, Long::sum));
        return new LocalStats(totalKeys + other.totalKeys, activeKeys + other.activeKeys, byProvider,
                duplicatesDropped + other.duplicatesDropped, conflicts + other.conflicts, forgottenKeys + other.forgottenKeys);
    }

    /** Keys that aged out of their TTL: every first delivery counted is active, forgotten, or expired. */
    public long expiredKeys() {
        return Math.max(0, totalKeys - activeKeys - forgottenKeys);
    }

    /** The stats body of docs/api.md. */
    public ObjectNode toContractJson() {
        ObjectNode node = ContractJson.MAPPER.createObjectNode();
        node.put("total_keys", totalKeys);
        node.put("active_keys", activeKeys);
        node.put("expired_keys", expiredKeys());
        ObjectNode byType = node.putObject("by_webhook_type");
        // in the providers' declared order; activeByProvider is an immutable copy, which EnumMap's copy constructor refuses when empty
        for (Provider provider : Provider.values()) {
            Long count = activeByProvider.get(provider);
            if (count != null) {
                byType.put(provider.id(), count);
            }
        }
        node.put("duplicates_dropped", duplicatesDropped);
        node.put("conflicts", conflicts);
        return node;
    }

    /** The internal form one instance sends another; carries what the public form derives from. */
    public ObjectNode toInternalJson() {
        ObjectNode node = toContractJson();
        node.remove("expired_keys");
        node.put("forgotten_keys", forgottenKeys);
        return node;
    }

    public static LocalStats fromInternalJson(JsonNode node) {
        Map<Provider, Long> byProvider = new EnumMap<>(Provider.class);
        node.path("by_webhook_type").fields().forEachRemaining(field ->
                Provider.fromId(field.getKey()).ifPresent(provider -> byProvider.put(provider, field.getValue().asLong())));
        return new LocalStats(node.path("total_keys").asLong(), node.path("active_keys").asLong(), byProvider,
                node.path("duplicates_dropped").asLong(), node.path("conflicts").asLong(), node.path("forgotten_keys").asLong());
    }
}
