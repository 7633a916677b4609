package dev.webhookgate.dedup;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.StartupFailureCases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The dedup-streams process refuses to start against a Kafka it cannot use, naming the cause and the
 * variable; it checks its four topics and never the dead-letter topic, which is order-consumer's.
 */
class DedupStartupFailureTest extends StartupFailureCases {

    @Override
    protected Class<?> mainClass() {
        return DedupMain.class;
    }

    @Override
    protected Map<String, String> serviceEnv(Path dataDir) {
        return Map.of("DEDUP_PORT", "0", "DATA_DIR", dataDir.toString());
    }

    @Override
    protected List<String> topicsUsed(Topics topics) {
        return List.of(topics.inbound(), topics.commands(), topics.unique(), topics.duplicates());
    }
}
