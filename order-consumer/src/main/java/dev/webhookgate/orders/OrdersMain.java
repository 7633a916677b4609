package dev.webhookgate.orders;

import dev.webhookgate.runtime.ServiceMain;

/** Starts the order consumer from the environment and runs until SIGTERM. */
public final class OrdersMain {

    private OrdersMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceMain.run("orders", env -> OrdersService.start(OrdersConfig.from(env)));
    }
}
