package dev.webhookgate.ingest.publish;

/** Where the broker put a record: what the verdict query waits for dedup-streams to have processed. */
public record RecordPosition(int partition, long offset) {
}
