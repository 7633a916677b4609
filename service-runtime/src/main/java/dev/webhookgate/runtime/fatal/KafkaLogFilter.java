package dev.webhookgate.runtime.fatal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Two things only the logging backend can see of Kafka's clients (installed in logback.xml):
 * <ul>
 *   <li>A Kafka client thread's own uncaught-exception handler only logs ("Uncaught exception in thread");
 *   a thread that dies before {@link FatalErrorGuard}'s sweep has adopted it (in its first half second) is
 *   seen here, and the process stops as for any adopted thread.</li>
 *   <li>The start-up check's admin client fails on purpose when Kafka is misconfigured; its warnings with
 *   stack traces would bury the one sentence that says why, so they are dropped (the check logs the trace at
 *   debug itself).</li>
 * </ul>
 */
public final class KafkaLogFilter extends TurboFilter {

    private static final String KAFKA_THREAD_LOGGER = ".KafkaThread";
    private static final String STARTUP_CHECK_THREAD_SUFFIX = "-startup-check";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        // a throwable passed as the last argument of a parameterised call reaches a turbo filter among the params
        Throwable t = thrown != null ? thrown
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        if (t == null || logger == null || !logger.getName().startsWith("org.apache.kafka.")) {
            return FilterReply.NEUTRAL;
        }
        if (level == Level.ERROR && logger.getName().endsWith(KAFKA_THREAD_LOGGER)) {
            FatalErrorGuard.stopProcess("Kafka client thread " + Thread.currentThread().getName(), t);
            return FilterReply.NEUTRAL;
        }
        return Thread.currentThread().getName().endsWith(STARTUP_CHECK_THREAD_SUFFIX) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
