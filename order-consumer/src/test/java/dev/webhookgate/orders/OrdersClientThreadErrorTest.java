package dev.webhookgate.orders;

import dev.webhookgate.fixture.ClientThreadErrorCases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The dead-letter producer's sender dying of an Error stops the process. (An Error injected into the
 * consumer loop's thread lands in the consumer's constructor, which Kafka wraps in a KafkaException: the
 * loop's supervisor starts a fresh one, so that case recovers rather than exits.)
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
        return List.of("kafka-producer-network-thread | thread-error-dlq");
    }
}
