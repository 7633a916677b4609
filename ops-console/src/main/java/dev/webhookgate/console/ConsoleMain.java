package dev.webhookgate.console;

import dev.webhookgate.runtime.ServiceMain;

/** Starts the operator console from the environment and runs until SIGTERM. */
public final class ConsoleMain {

    private ConsoleMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceMain.run("ops-console", env -> ConsoleService.start(ConsoleConfig.from(env)));
    }
}
