package dev.webhookgate.runtime;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * What every service's {@code main} does: start from the environment, stop cleanly on SIGTERM, and
 * turn a bad setting into its sentence on stderr and exit code 2.
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    public static void run(String name, Function<Env, ? extends AutoCloseable> start) throws InterruptedException {
        AutoCloseable service;
        try {
            service = start.apply(Env.system());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                throw new IllegalStateException(name + " did not stop cleanly", e);
            } finally {
                stopped.countDown();
            }
        }, name + "-shutdown"));
        stopped.await();
    }
}
