package dev.webhookgate.ingest.http;

import java.time.Duration;

/** Counts webhook requests being answered, so shutdown can refuse new ones and wait for these. */
public final class InFlight {

    private int count;
    private boolean draining;

    public synchronized boolean tryEnter() {
        if (draining) {
            return false;
        }
        count++;
        return true;
    }

    public synchronized void exit() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    /** Refuses new requests from now on and waits (bounded) until the ones in flight have answered. */
    public synchronized boolean drain(Duration atMost) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + atMost.toNanos();
        while (count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
