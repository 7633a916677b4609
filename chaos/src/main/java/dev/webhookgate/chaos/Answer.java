package dev.webhookgate.chaos;

/**
 * One HTTP answer as the provider saw it. {@code status} is {@link #NO_ANSWER} when the connection failed
 * or timed out (a killed ingest, a port nobody listens on yet).
 *
 * @param epoch which TTL period of its key the delivery belongs to (0 unless a scenario waits out the TTL)
 */
record Answer(String key, int epoch, int status, String eventId, String error, String message, boolean replayed) {

    static final int NO_ANSWER = -1;

    boolean accepted() {
        return status == 200 || status == 202;
    }

    /** What a provider retries: no answer, a 5xx (503 included). */
    boolean retryable() {
        return status == NO_ANSWER || status >= 500;
    }
}
