package dev.webhookgate.ingest;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.StartupFailureCases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The ingest process refuses to start against a Kafka it cannot use, naming the cause and the variable. */
class IngestStartupFailureTest extends StartupFailureCases {

    @Override
    protected Class<?> mainClass() {
        return IngestMain.class;
    }

    @Override
    protected Map<String, String> serviceEnv(Path dataDir) {
        return Map.of("INGEST_PORT", "0");
    }

    @Override
    protected List<String> topicsUsed(Topics topics) {
        return List.of(topics.inbound());
    }
}
