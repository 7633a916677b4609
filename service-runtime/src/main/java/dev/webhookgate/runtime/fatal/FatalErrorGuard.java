package dev.webhookgate.runtime.fatal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No half-alive process: a thread that dies of an {@link Error}, and any Kafka client thread that dies at
 * all, ends the process with {@link #EXIT_FATAL} so the orchestrator starts a whole new one.
 *
 * <p>Kafka's client threads (producer senders, admin clients, consumer heartbeat and background threads,
 * the internal clients of Kafka Streams) are {@link KafkaThread}s, which set an uncaught-exception handler
 * of their own that only logs: a producer whose sender died of an {@code OutOfMemoryError} stays in the
 * process and every later send blocks until it times out. The default handler never sees those threads, so
 * this guard adopts them: it replaces their handler when they appear, checking every
 * {@link #SWEEP_EVERY}, and once more whenever a caller has just built a client ({@link #adoptKafkaThreads()}).
 *
 * <p>An {@code Exception} that kills a thread of our own is left to the code that owns the thread
 * (order-consumer's SupervisedWorker restarts its loop; a thread pool replaces its worker); an {@code Error}
 * leaves the heap or a lock in a state nobody can vouch for, so the process stops. Installed only by a
 * service's {@code main}: tests that run services inside the test JVM must not have it exit under them.
 */
public final class FatalErrorGuard {

    /** sysexits' EX_SOFTWARE: the process was running and stopped itself; distinct from 2, a setting it refused. */
    public static final int EXIT_FATAL = 70;
    static final Duration SWEEP_EVERY = Duration.ofMillis(500);
    /** Shutdown hooks get this long to drain; a heap that is full may never let them finish. */
    static final Duration HALT_AFTER = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(FatalErrorGuard.class);
    private static FatalErrorGuard installed;

    private final String service;
    private final IntConsumer exit;
    private final AtomicBoolean exiting = new AtomicBoolean();
    private final Thread.UncaughtExceptionHandler kafkaHandler = this::kafkaThreadDied;

    FatalErrorGuard(String service, IntConsumer exit) {
        this.service = service;
        this.exit = exit;
    }

    /** Installs the guard for this process (once; later calls return the first guard). */
    public static synchronized FatalErrorGuard install(String service) {
        if (installed == null) {
            FatalErrorGuard guard = new FatalErrorGuard(service, FatalErrorGuard::exitThenHalt);
            Thread.setDefaultUncaughtExceptionHandler(guard::threadDied);
            Thread sweeper = new Thread(guard::sweepForever, "fatal-error-guard");
            sweeper.setDaemon(true);
            sweeper.start();
            installed = guard;
        }
        return installed;
    }

    /** Adopts the Kafka client threads now, if the guard is installed: call it right after building a client. */
    public static void adoptNewKafkaThreads() {
        FatalErrorGuard guard;
        synchronized (FatalErrorGuard.class) {
            guard = installed;
        }
        if (guard != null) {
            guard.adoptKafkaThreads();
        }
    }

    /**
     * Something the service cannot go on without has died (a Kafka Streams client shut down by its stream
     * thread's error): stop the process if the guard is installed; in a test JVM only the log line remains.
     */
    public static void stopProcess(String what, Throwable error) {
        FatalErrorGuard guard;
        synchronized (FatalErrorGuard.class) {
            guard = installed;
        }
        if (guard != null) {
            guard.fatal(Thread.currentThread(), what, error);
        } else {
            log.error("{} died of {}; in a service process this exits with code {}", what, error.toString(), EXIT_FATAL);
        }
    }

    /** Gives every live Kafka client thread this guard's handler; returns how many it adopted now. */
    int adoptKafkaThreads() {
        int adopted = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (isKafkaThread(thread.getClass()) && thread.getUncaughtExceptionHandler() != kafkaHandler) {
                thread.setUncaughtExceptionHandler(kafkaHandler);
                adopted++;
            }
        }
        return adopted;
    }

    /** By name: the class moved to {@code utils.internals} in Kafka 4.x and is not an API to compile against. */
    static boolean isKafkaThread(Class<?> type) {
        for (Class<?> c = type; c != null && c != Thread.class; c = c.getSuperclass()) {
            if (c.getSimpleName().equals("KafkaThread") && c.getName().startsWith("org.apache.kafka.common.utils.")) {
                return true;
            }
        }
        return false;
    }

    void threadDied(Thread thread, Throwable error) {
        if (error instanceof Error) {
            fatal(thread, error);
        } else {
            log.error("thread {} died of an unexpected exception; its owner replaces it or its work stops", thread.getName(), error);
        }
    }

    /** A Kafka client thread never ends by an exception on purpose: its client is dead, whatever the type. */
    void kafkaThreadDied(Thread thread, Throwable error) {
        fatal(thread, error);
    }

    private void fatal(Thread thread, Throwable error) {
        fatal(thread, "thread " + thread.getName(), error);
    }

    private void fatal(Thread thread, String what, Throwable error) {
        if (!exiting.compareAndSet(false, true)) {
            return;
        }
        try {
            // one line an operator can read; the stack trace only at debug, where the logs are meant to be long
            log.error("{} stops with exit code {}: {} died of {}", service, EXIT_FATAL, what, error.toString());
            log.debug("the error that stopped {} (on thread {})", service, thread.getName(), error);
        } catch (Throwable logFailed) {
            // an exhausted heap can fail the logger too; the exit below matters more than the line
            System.err.println(service + " stops with exit code " + EXIT_FATAL + ": " + what + " died");
        }
        exit.accept(EXIT_FATAL);
    }

    private void sweepForever() {
        while (true) {
            try {
                adoptKafkaThreads();
                Thread.sleep(SWEEP_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                // an Error here (an exhausted heap) is the process's end anyway; a sweep must never stop silently
                threadDied(Thread.currentThread(), e);
                if (e instanceof Error) {
                    return;
                }
            }
        }
    }

    /** System.exit runs the shutdown hooks (the services drain); halt follows if they hang. */
    private static void exitThenHalt(int code) {
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER.toMillis());
            } catch (InterruptedException ignored) {
                // halt anyway
            }
            Runtime.getRuntime().halt(code);
        }, "fatal-error-halt");
        halter.setDaemon(true);
        halter.start();
        // exit blocks for good and must not run on the dying thread's stack, which may be a lock holder's
        Thread exiter = new Thread(() -> System.exit(code), "fatal-error-exit");
        exiter.start();
    }
}
