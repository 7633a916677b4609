package dev.webhookgate.chaos;

import java.time.Duration;

/** Sleeps that turn an interrupt into the end of the run: the harness has no other use for interrupts. */
final class Pause {

    private Pause() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void of(Duration duration) {
        millis(duration.toMillis());
    }
}
