package dev.webhookgate.runtime.fatal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which of a repeated line's occurrences are written, keyed by the logger and the message template (a Kafka
 * client's template carries its client id, so each client counts apart): the first passes, the rest are
 * counted, and the first one after {@code every} turns into a summary carrying the count. A fault that stops
 * leaves its last count unreported; a line that comes back after a quiet interval passes again as a first.
 */
final class RepeatedLines {

    /** Past this many templates lines pass unthrottled: a bound on memory, far above what Kafka's clients log. */
    static final int MAX_KEYS = 2_000;

    /** What to do with one occurrence. */
    sealed interface Verdict permits Pass, Count, Summarize {
    }

    /** Write it as it is. */
    record Pass() implements Verdict {
    }

    /** Drop it; it is counted. */
    record Count() implements Verdict {
    }

    /** Drop it, and write instead that the line came {@code times} times (this one included) in {@code over}. */
    record Summarize(int times, Duration over) implements Verdict {
    }

    private static final Verdict PASS = new Pass();
    private static final Verdict COUNT = new Count();

    private final long everyNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RepeatedLines(Duration every, LongSupplier nanoTime) {
        this.everyNanos = every.toNanos();
        this.nanoTime = nanoTime;
    }

    Duration every() {
        return Duration.ofNanos(everyNanos);
    }

    Verdict next(String loggerName, String template) {
        String key = loggerName + '\u0000' + template;
        Window window = windows.get(key);
        if (window == null) {
            if (windows.size() >= MAX_KEYS) {
                return PASS;
            }
            window = windows.computeIfAbsent(key, k -> new Window());
        }
        return window.next(nanoTime.getAsLong());
    }

    private final class Window {
        private boolean started;
        private long startNanos;
        private int dropped;

        synchronized Verdict next(long now) {
            if (!started || now - startNanos >= everyNanos && dropped == 0) {
                started = true;
                startNanos = now;
                return PASS;
            }
            if (now - startNanos < everyNanos) {
                dropped++;
                return COUNT;
            }
            Verdict summary = new Summarize(dropped + 1, Duration.ofNanos(now - startNanos));
            startNanos = now;
            dropped = 0;
            return summary;
        }
    }
}
