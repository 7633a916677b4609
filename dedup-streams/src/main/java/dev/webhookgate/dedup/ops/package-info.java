/** The operator's API: a key's entry, forgetting a key, and the store's statistics. */
package dev.webhookgate.dedup.ops;
