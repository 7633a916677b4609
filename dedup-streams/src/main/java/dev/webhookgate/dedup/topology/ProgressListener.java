package dev.webhookgate.dedup.topology;

/**
 * Told, on the stream thread, right after a store put for a source record has landed: the key store's
 * position now covers that topic partition up to that offset. Verdict waits listen here.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (topic, partition, offset) -> { };

    /** Must be cheap and must not block: it runs once per record on the stream thread. */
    void processed(String topic, int partition, long offset);
}
