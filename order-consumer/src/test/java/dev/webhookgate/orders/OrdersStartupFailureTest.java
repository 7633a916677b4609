package dev.webhookgate.orders;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.StartupFailureCases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The order-consumer process refuses to start against a Kafka it cannot use, naming the cause and the variable. */
class OrdersStartupFailureTest extends StartupFailureCases {

    @Override
    protected Class<?> mainClass() {
        return OrdersMain.class;
    }

    @Override
    protected Map<String, String> serviceEnv(Path dataDir) {
        return Map.of("ORDERS_PORT", "0", "DATA_DIR", dataDir.toString());
    }

    @Override
    protected List<String> topicsUsed(Topics topics) {
        return List.of(topics.unique(), topics.dlq());
    }
}
