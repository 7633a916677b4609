package dev.webhookgate.bench.e2e;

import java.net.URI;
import java.time.Duration;

/** One system the e2e benchmark drives: launched fresh for a round, fed the schedule, checked in its ledger. */
public interface SystemUnderTest extends AutoCloseable {

    String name();

    /** Launches the system's processes and returns at once; {@link #awaitReady} waits for them. */
    void launch() throws Exception;

    /** Blocks until every process answers its readiness route, or fails after {@code timeout}. */
    void awaitReady(Duration timeout) throws Exception;

    URI webhookUri();

    /** The SQL database its orders land in, for {@link OrderCount}. */
    OrderCount orders();

    /** Pids of the processes it started, for CPU accounting. */
    java.util.List<Long> pids();

    @Override
    void close();
}
