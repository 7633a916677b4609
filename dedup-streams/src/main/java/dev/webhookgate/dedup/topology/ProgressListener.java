package dev.webhookgate.dedup.topology;

/**
 * Told, on the stream thread, right after a store put for a source record has landed: the key store's
 * position now covers that topic partition up to that offset, and {@code stored} is what the store holds for
 * {@code key} from then on. Verdict waits listen here.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void processed(String topic, int partition, long offset, String key, DedupEntry stored) {
        }

        @Override
        public void released(int partition) {
        }
    };

    /**
     * Must be cheap and must not block: it runs once per record on the stream thread.
     *
     * @param stored the key's entry after this record, {@code null} when the record removed it (a forget)
     */
    void processed(String topic, int partition, long offset, String key, DedupEntry stored);

    /** The task of this partition number closed here (rebalance, shutdown): what was said about it may be stale. */
    void released(int partition);
}
