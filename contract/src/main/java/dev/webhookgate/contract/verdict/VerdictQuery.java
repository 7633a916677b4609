package dev.webhookgate.contract.verdict;

import dev.webhookgate.contract.DedupKey;

/** What did dedup-streams decide for the inbound record of {@code key} at {@code partition}/{@code offset}? */
public record VerdictQuery(DedupKey key, int partition, long offset) {
}
