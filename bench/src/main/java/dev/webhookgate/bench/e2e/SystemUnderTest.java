package dev.webhookgate.bench.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One system the e2e benchmark drives: launched fresh for a round, fed the schedule, checked in its ledger. */
public interface SystemUnderTest extends AutoCloseable {

    String name();

    /** Launches the system's processes and returns at once; {@link #awaitReady} waits for them. */
    void launch() throws Exception;

    /** Blocks until every process answers its readiness route, or fails after {@code timeout}. */
    void awaitReady(Duration timeout) throws Exception;

    URI webhookUri();

    /**
     * Every front door the load is spread over, connection by connection ({@link LoadGenerator}): a system
     * with several ingest instances offers each, as a load balancer in front of them would.
     */
    default List<URI> webhookUris() {
        return List.of(webhookUri());
    }

    /** The SQL database its orders land in, for {@link OrderCount}. */
    OrderCount orders();

    /** Pids of the processes it started, for CPU accounting. */
    List<Long> pids();

    /**
     * Pids by hop ({@link ServiceJars#BROKER} and the others), for CPU per webhook per hop; empty where one
     * process does several hops and its CPU cannot be split between them.
     */
    default Map<String, List<Long>> pidsByRole() {
        return Map.of();
    }

    /**
     * What the system shows about how it spread the work, read once the load is over (partition owners,
     * forwarded verdicts); empty for systems with one instance of each service.
     */
    default Map<String, Object> layoutAfterLoad() throws Exception {
        return Map.of();
    }

    @Override
    void close();
}
