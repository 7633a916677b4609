package dev.webhookgate.runtime.fatal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LocationAwareLogger;

/**
 * What only the logging backend can see of Kafka's clients (installed in logback.xml):
 * <ul>
 *   <li>A Kafka client thread's own uncaught-exception handler only logs ("Uncaught exception in thread");
 *   a thread that dies before {@link FatalErrorGuard}'s sweep has adopted it (in its first half second) is
 *   seen here, and the process stops as for any adopted thread.</li>
 *   <li>The start-up check's admin client fails on purpose when Kafka is misconfigured; its warnings with
 *   stack traces would bury the one sentence that says why, so they are dropped (the check logs the trace at
 *   debug itself).</li>
 *   <li>Under a persistent fault (a broker gone, a topic deleted) every client logs the same warning per
 *   retry ("Connection to node -1 ... could not be established", "Bootstrap broker ... disconnected",
 *   metadata errors): each such line is written once, then as one counted summary per
 *   {@link #setSummaryEvery summary interval} ({@link RepeatedLines}), so the log stays readable for days.</li>
 * </ul>
 */
public final class KafkaLogFilter extends TurboFilter {

    static final Duration DEFAULT_SUMMARY_EVERY = Duration.ofSeconds(30);

    private static final String KAFKA_LOGGERS = "org.apache.kafka.";
    private static final String KAFKA_THREAD_LOGGER = ".KafkaThread";
    private static final String STARTUP_CHECK_THREAD_SUFFIX = "-startup-check";
    private static final String FQCN = KafkaLogFilter.class.getName();

    private RepeatedLines repeats = new RepeatedLines(DEFAULT_SUMMARY_EVERY, System::nanoTime);
    /** Set while this filter writes a summary, which passes through the filters like any line. */
    private final ThreadLocal<Boolean> summarizing = ThreadLocal.withInitial(() -> false);

    /** From logback.xml, in logback's duration syntax ("30 seconds", "500 milliseconds"). */
    public void setSummaryEvery(String every) {
        repeats = new RepeatedLines(Duration.ofMillis(ch.qos.logback.core.util.Duration.valueOf(every).getMilliseconds()),
                System::nanoTime);
    }

    /** For tests: a clock of their own. */
    void useRepeats(RepeatedLines repeats) {
        this.repeats = repeats;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        if (logger == null || !logger.getName().startsWith(KAFKA_LOGGERS)) {
            return FilterReply.NEUTRAL;
        }
        // a throwable passed as the last argument of a parameterised call reaches a turbo filter among the params
        Throwable t = thrown != null ? thrown
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        if (t != null && level == Level.ERROR && logger.getName().endsWith(KAFKA_THREAD_LOGGER)) {
            FatalErrorGuard.stopProcess("Kafka client thread " + Thread.currentThread().getName(), t);
            return FilterReply.NEUTRAL;
        }
        if (t != null && Thread.currentThread().getName().endsWith(STARTUP_CHECK_THREAD_SUFFIX)) {
            return FilterReply.DENY;
        }
        // only lines that would be written count: an isEnabled check has no format, a debug line below the level
        if (format == null || level == null || summarizing.get() || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        RepeatedLines.Verdict verdict = repeats.next(logger.getName(), format);
        if (verdict instanceof RepeatedLines.Summarize summary) {
            writeSummary(logger, level, format, params, summary);
        }
        return verdict instanceof RepeatedLines.Pass ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    /** On the Kafka logger and level of the line, so it reads where the line would have, without the trace. */
    private void writeSummary(Logger logger, Level level, String format, Object[] params, RepeatedLines.Summarize summary) {
        String message = MessageFormatter.basicArrayFormat(format, params);
        summarizing.set(true);
        try {
            ((LocationAwareLogger) logger).log(null, FQCN, Level.toLocationAwareLoggerInteger(level),
                    "{} times in the last {} s (written once per {} s while it repeats), the last: {}",
                    new Object[] {summary.times(), summary.over().toSeconds(), intervalSeconds(), message}, null);
        } finally {
            summarizing.set(false);
        }
    }

    private long intervalSeconds() {
        return summaryEvery().toSeconds();
    }

    Duration summaryEvery() {
        return repeats.every();
    }
}
