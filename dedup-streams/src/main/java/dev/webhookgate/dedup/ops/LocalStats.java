package dev.webhookgate.dedup.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Provider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One instance's share of the stats, or the sum of several; summed field by field.
 *
 * @param partitions the inbound partitions this share counted, once each; a sum lists each share's, so a partition
 *                   counted twice (two instances each still or already holding it active) shows as twice
 */
public record LocalStats(long totalKeys, long activeKeys, Map<Provider, Long> activeByProvider, long duplicatesDropped,
                         long conflicts, long forgottenKeys, List<Integer> partitions) {

    public LocalStats {
        activeByProvider = Map.copyOf(activeByProvider);
        partitions = List.copyOf(partitions);
    }

    public static LocalStats empty() {
        return new LocalStats(0, 0, Map.of(), 0, 0, 0, List.of());
    }

    /**
     * Null when this sum counted each of the inbound's {@code partitionCount} partitions exactly once; else what is
     * missing or doubled. A partition moving between instances during a rebalance is active nowhere, or briefly in two
     * places, and a count that skipped or doubled it would be a wrong answer given as a right one.
     */
    public String coverageProblem(int partitionCount) {
        Set<Integer> counted = new TreeSet<>(partitions);
        if (counted.size() == partitions.size() && counted.size() == partitionCount) {
            return null;
        }
        return "the stats counted partitions " + partitions.stream().sorted().toList() + " of " + partitionCount
                + " (a rebalance is moving them)";
    }

    public LocalStats plus(LocalStats other) {
        Map<Provider, Long> byProvider = new EnumMap<>(Provider.class);
        byProvider.putAll(activeByProvider);
        other.activeByProvider.forEach((provider, count) -> byProvider.merge(provider, count, Long::sum));
        List<Integer> both = new ArrayList<>(partitions);
        both.addAll(other.partitions);
        return new LocalStats(totalKeys + other.totalKeys, activeKeys + other.activeKeys, byProvider,
                duplicatesDropped + other.duplicatesDropped, conflicts + other.conflicts, forgottenKeys + other.forgottenKeys, both);
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
        ArrayNode counted = node.putArray("partitions");
        for (int partition : partitions) {
            counted.add(partition);
        }
        return node;
    }

    public static LocalStats fromInternalJson(JsonNode node) {
        Map<Provider, Long> byProvider = new EnumMap<>(Provider.class);
        node.path("by_webhook_type").fields().forEachRemaining(field ->
                Provider.fromId(field.getKey()).ifPresent(provider -> byProvider.put(provider, field.getValue().asLong())));
        List<Integer> partitions = new ArrayList<>();
        node.path("partitions").forEach(partition -> partitions.add(partition.asInt()));
        return new LocalStats(node.path("total_keys").asLong(), node.path("active_keys").asLong(), byProvider,
                node.path("duplicates_dropped").asLong(), node.path("conflicts").asLong(), node.path("forgotten_keys").asLong(), partitions);
    }
}
