package dev.webhookgate.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a run finds the jars and PostgreSQL, where it keeps its data and logs, and what its scenarios share. */
final class ChaosContext implements AutoCloseable {

    /**
     * For --quick only: the services and brokers compiled by C1 alone. On a 2-core machine C2's compiler threads
     * are much of a JVM's start-up CPU, and a quick run starts about twenty JVMs; the load it drives is light
     * enough for C1's code. The full run and the recovery measurement keep the JVM's defaults, as deployed.
     */
    static final List<String> QUICK_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private final Path repo;
    private final Path runDir;
    private final boolean quick;
    private final String pgUrl;
    private final String pgUser;
    private final String pgPassword;
    private Brokers.Single singleBroker;

    ChaosContext(Path repo, Path runDir, boolean quick, String pgUrl, String pgUser, String pgPassword) {
        this.repo = repo;
        this.runDir = runDir;
        this.quick = quick;
        this.pgUrl = pgUrl;
        this.pgUser = pgUser;
        this.pgPassword = pgPassword;
    }

    Path repo() {
        return repo;
    }

    boolean quick() {
        return quick;
    }

    String pgUrl() {
        return pgUrl;
    }

    String pgUser() {
        return pgUser;
    }

    String pgPassword() {
        return pgPassword;
    }

    Path dir(String scenario) {
        Path dir = runDir.resolve(scenario);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * The one broker process of the run's single-broker scenarios, each on topics, a Streams application and a
     * schema of its own: a broker start is the slowest part of setting a scenario up on a busy machine. Started on
     * first use; closing a campaign leaves it running for the next scenario, {@link #close()} ends it.
     */
    synchronized Brokers.Single singleBroker() {
        if (singleBroker == null) {
            singleBroker = new Brokers.Single(dir("broker"), true);
        } else {
            singleBroker.ensureRunning();
        }
        return singleBroker;
    }

    /** Full run or quick: the same scenario, with fewer keys per second and shorter pauses between faults. */
    int rate() {
        return quick ? 10 : 40;
    }

    long pauseMillis() {
        return quick ? 2000 : 8000;
    }

    List<String> jvmOptions() {
        return quick ? QUICK_JVM_OPTIONS : List.of();
    }

    @Override
    public synchronized void close() {
        if (singleBroker != null) {
            singleBroker.shutDown();
        }
    }
}
