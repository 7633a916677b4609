package dev.webhookgate.orders;

import dev.webhookgate.fixture.ClientThreadErrorCases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The consumer loop (its classic consumer does its network work on the loop's thread) and the dead-letter
 * producer's sender: either dying of an Error stops the process; the loop's supervisor restarts only loops
 * that died of an exception.
 */
class OrdersClientThreadErrorTest extends ClientThreadErrorCases {

    @Override
    protected Class<?> mainClass() {
        return OrdersMain.class;
    }

    @Override
    protected Map<String, String> serviceEnv(Path dataDir, int port) {
        return Map.of("ORDERS_PORT", String.valueOf(port), "DATA_DIR", dataDir.toString(), "ORDERS_GROUP_ID", "thread-error");
    }

    @Override
    protected List<String> threads() {
        return List.of("orders-consumer-0", "kafka-producer-network-thread | thread-error-dlq");
    }
}
