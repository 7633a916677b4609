package dev.webhookgate.orders;

import dev.webhookgate.contract.config.ConfigException;
import dev.webhookgate.contract.config.Env;
import java.util.concurrent.CountDownLatch;

/** Starts the order consumer from the environment and runs until SIGTERM. */
public final class OrdersMain {

    private OrdersMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        OrdersService service;
        try {
            service = OrdersService.start(OrdersConfig.from(Env.system()));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "orders-shutdown"));
        stopped.await();
    }
}
