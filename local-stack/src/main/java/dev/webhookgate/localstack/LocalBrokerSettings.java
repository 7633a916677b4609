package dev.webhookgate.localstack;

import java.util.Map;

/**
 * What the local stack's embedded broker sets differently from the test fixture's broker: it runs on a
 * developer's machine for hours, mostly idle, so its timers are set for a small idle cost instead of for
 * tests' fast failure detection. Measured per thread in docs/benchmarks.md ("idle").
 */
final class LocalBrokerSettings {

    /**
     * <ul>
     *   <li>{@code metadata.max.idle.interval.ms}: the controller appends a no-op record to the metadata log
     *   every 500 ms by default (each an append and flush on the Raft I/O thread, then a metadata delta for the
     *   broker); they only let other nodes tell a stale controller from a quiet one, and this single node has
     *   none.</li>
     *   <li>{@code broker.heartbeat.interval.ms} / {@code broker.session.timeout.ms}: back to Kafka's defaults
     *   (2 s, 9 s) from the fixture's 0.5 s and 2 s, which exist so that tests of a killed broker process see it
     *   fenced fast; broker and controller here share one JVM and die together.</li>
     * </ul>
     */
    static final Map<String, String> IDLE_FRIENDLY = Map.of(
            "metadata.max.idle.interval.ms", "60000",
            "broker.heartbeat.interval.ms", "2000",
            "broker.session.timeout.ms", "9000");

    private LocalBrokerSettings() {
    }
}
