package dev.webhookgate.ingest;

import dev.webhookgate.fixture.ClientThreadErrorCases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The ingest's producer sender and its readiness probe's admin client: either dying stops the process. */
class IngestClientThreadErrorTest extends ClientThreadErrorCases {

    @Override
    protected Class<?> mainClass() {
        return IngestMain.class;
    }

    @Override
    protected Map<String, String> serviceEnv(Path dataDir, int port) {
        return Map.of("INGEST_PORT", String.valueOf(port));
    }

    @Override
    protected List<String> threads() {
        return List.of("kafka-producer-network-thread | ingest-api", "kafka-admin-client-thread | ingest-api-probe");
    }
}
