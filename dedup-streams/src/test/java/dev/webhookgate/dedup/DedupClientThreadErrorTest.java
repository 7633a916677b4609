package dev.webhookgate.dedup;

import dev.webhookgate.fixture.ClientThreadErrorCases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Kafka Streams' own threads (named after the application id: the stream thread and its state updater)
 * and the forget-command producer: any of them dying stops the process instead of leaving an instance
 * that answers 503 for good.
 */
class DedupClientThreadErrorTest extends ClientThreadErrorCases {

    @Override
    protected Class<?> mainClass() {
        return DedupMain.class;
    }

    @Override
    protected Map<String, String> serviceEnv(Path dataDir, int port) {
        return Map.of("DEDUP_PORT", String.valueOf(port), "DATA_DIR", dataDir.toString(), "APPLICATION_ID", "thread-error");
    }

    @Override
    protected List<String> threads() {
        return List.of("thread-error-", "kafka-producer-network-thread | thread-error");
    }
}
