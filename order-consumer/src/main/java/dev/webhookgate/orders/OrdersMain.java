package dev.webhookgate.orders;

import dev.webhookgate.orders.mapping.EventMapper;
import dev.webhookgate.runtime.ServiceMain;
import dev.webhookgate.runtime.tracing.Tracing;
import dev.webhookgate.runtime.fatal.FatalErrorGuard;
import dev.webhookgate.runtime.kafka.KafkaStartupCheck;
import java.util.List;

/** Starts the order consumer from the environment, once Kafka is checked, and runs until SIGTERM. */
public final class OrdersMain {

    private OrdersMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FatalErrorGuard.install("order-consumer");
        ServiceMain.run("order-consumer", env -> {
            OrdersConfig config = OrdersConfig.from(env);
            KafkaStartupCheck.verify(config.kafka(), config.groupId(),
                    List.of(config.topics().unique(), config.topics().dlq()), KafkaStartupCheck.timeout(env));
            OrdersService service = OrdersService.start(config, new EventMapper(), Tracing.from(env, "order-consumer"));
            FatalErrorGuard.adoptNewKafkaThreads();
            return service;
        });
    }
}
