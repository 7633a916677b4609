package dev.webhookgate.localstack;

import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Quick Start against a Kafka the stack did not start ({@code --kafka-bootstrap}): our fixture's broker,
 * run as its own {@code kafka.Kafka} process. The Docker twin of this test is {@link SeedQuickStartOnTestcontainersTest}.
 */
class SeedQuickStartOnKafkaProcessTest extends SeedQuickStartScenario {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.dedicated(BrokerMode.SEPARATE_PROCESS);

    @Override
    List<String> brokerArgs() {
        return List.of("--kafka-bootstrap", kafka.bootstrapServers());
    }
}
