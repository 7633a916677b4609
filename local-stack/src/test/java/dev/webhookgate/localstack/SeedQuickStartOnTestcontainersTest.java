package dev.webhookgate.localstack;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Quick Start against the apache/kafka image that docker-compose.yml deploys, started by Testcontainers.
 * It needs a Docker engine and is skipped (reported, not hidden) where there is none; the same scenario
 * runs everywhere against our own broker process in {@link SeedQuickStartOnKafkaProcessTest}.
 */
@EnabledIf(value = "dockerAvailable", disabledReason = "no Docker engine on this machine")
class SeedQuickStartOnTestcontainersTest extends SeedQuickStartScenario {

    /** The image docker-compose.yml runs. */
    static final String KAFKA_IMAGE = "apache/kafka:4.4.0";

    private static KafkaContainer kafka;

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaContainer(KAFKA_IMAGE);
        kafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Override
    List<String> brokerArgs() {
        return List.of("--kafka-bootstrap", kafka.getBootstrapServers());
    }
}
