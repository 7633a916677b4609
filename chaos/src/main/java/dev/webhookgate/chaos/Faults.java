package dev.webhookgate.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A scenario's fault script: each step timed, with a pause of load between steps, and a line per step for the report. */
final class Faults {

    private final ChaosContext ctx;
    private final List<String> log = new ArrayList<>();

    Faults(ChaosContext ctx) {
        this.ctx = ctx;
    }

    void pause() {
        Pause.millis(ctx.pauseMillis());
    }

    /** Runs the fault (including the wait until the faulted part is back), then lets the load run on. */
    void step(String what, Runnable fault) {
        long start = System.nanoTime();
        fault.run();
        log.add(String.format(Locale.ROOT, "%s: back after %.1f s", what, (System.nanoTime() - start) / 1e9));
        System.out.println("  " + log.get(log.size() - 1));
        pause();
    }

    void note(String line) {
        log.add(line);
        System.out.println("  " + line);
    }

    List<String> log() {
        return log;
    }
}
