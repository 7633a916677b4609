package dev.webhookgate.orders;

import dev.webhookgate.orders.consume.DeadLetterPublisher;
import dev.webhookgate.orders.consume.SupervisedWorker;
import dev.webhookgate.orders.ledger.LedgerWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The order consumer is ready only when every part its work needs works: each consumer loop is in its
 * group and polling, the dead-letter producer reaches its topic, and the ledger answers. The producer and
 * ledger checks can block for seconds, so they run in the background and readiness reads their last word.
 */
final class Readiness implements AutoCloseable {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(2);

    private final List<SupervisedWorker> loops;
    private final DeadLetterPublisher deadLetters;
    private final LedgerWriter ledger;
    private final ScheduledThreadPoolExecutor checks = new ScheduledThreadPoolExecutor(2, runnable -> {
        Thread thread = new Thread(runnable, "orders-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String ledgerProblem = "the ledger database has not been checked yet";

    Readiness(List<SupervisedWorker> loops, DeadLetterPublisher deadLetters, LedgerWriter ledger) {
        this.loops = List.copyOf(loops);
        this.deadLetters = deadLetters;
        this.ledger = ledger;
    }

    Readiness start() {
        // one thread each: a producer waiting out max.block.ms must not hold the ledger's answer back
        checks.scheduleWithFixedDelay(deadLetters::checkUsable, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        checks.scheduleWithFixedDelay(this::checkLedger, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkLedger() {
        ledgerProblem = ledger.reachable() ? null : "the ledger database is not reachable";
    }

    /** Null when ready; else every part that is not, in one line. */
    String problem() {
        List<String> problems = new ArrayList<>();
        loops.stream().map(SupervisedWorker::problem).filter(Objects::nonNull).forEach(problems::add);
        if (deadLetters.problem() != null) {
            problems.add(deadLetters.problem());
        }
        if (ledgerProblem != null) {
            problems.add(ledgerProblem);
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
