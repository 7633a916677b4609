/**
 * The Kafka Streams side: the topology ({@link dev.webhookgate.dedup.topology.DedupTopology}), its
 * processors and rules, the key store's entry and serde, and what must be true of the topics before it
 * starts ({@link dev.webhookgate.dedup.topology.TopicSetup}).
 */
package dev.webhookgate.dedup.topology;
