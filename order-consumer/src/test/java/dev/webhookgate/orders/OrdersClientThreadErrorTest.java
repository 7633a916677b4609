package dev.webhookgate.orders;

import dev.webhookgate.fixture.ClientThreadErrorCases;
import dev.webhookgate.fixture.ErrorInjectingReporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The consumer loop and the dead-letter producer's sender: either dying of an Error stops the process. The
 * consumer loop's Error is injected into its first poll (when the consumer connects), not into the consumer's
 * constructor on the same thread: Kafka wraps a constructor's throwable in a KafkaException, which the loop's
 * supervisor rightly answers with a fresh loop.
 */
class OrdersClientThreadErrorTest extends ClientThreadErrorCases {

    private static final String CONSUMER_LOOP = "orders-consumer-0";

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
        return List.of(CONSUMER_LOOP, "kafka-producer-network-thread | thread-error-dlq");
    }

    @Override
    protected Map<String, String> injection(String thread) {
        return thread.equals(CONSUMER_LOOP)
                ? Map.of(ErrorInjectingReporter.THREAD, thread, ErrorInjectingReporter.METRIC_GROUP, "consumer-node-metrics")
                : super.injection(thread);
    }
}
