package dev.webhookgate.orders.consume;

/** A consumer loop as its supervisor sees it. */
public interface ConsumerWorker extends Runnable {

    /** Not paused for an outage and not stopped. */
    boolean isHealthy();

    /** Null when healthy, else a sentence saying what is not, for readiness. */
    default String problem() {
        return isHealthy() ? null : "the consumer loop is not healthy";
    }

    /** Its partitions are paused while the ledger (or the DLQ) is away. */
    boolean isPaused();

    /** Ends {@link #run()} soon; safe from any thread. */
    void stop();
}
