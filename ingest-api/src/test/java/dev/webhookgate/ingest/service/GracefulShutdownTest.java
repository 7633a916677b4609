package dev.webhookgate.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.ingest.support.HungVerdicts;
import dev.webhookgate.ingest.support.Stack;
import dev.webhookgate.ingest.support.TopicReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GracefulShutdownTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    /** {@link HungVerdicts} keeps a request in flight (published, waiting for its verdict) while the service stops. */
    @Test
    void closingFinishesInFlightAnswersAndAcceptsNoNewConnections() throws Exception {
        try (HungVerdicts hungVerdicts = new HungVerdicts()) {
            String key = "k-" + UUID.randomUUID();
            try (Stack stack = Stack.ingestOnly(kafka.bootstrapServers(), kafka.createRandomTopics(Stack.PARTITIONS),
                    hungVerdicts.url(), "VERDICT_TIMEOUT_MS", "2000");
                 TopicReader inbound = stack.reader(stack.topics().inbound())) {
                CompletableFuture<TestHttp.Reply> inFlight = stack.http().postAsync("/api/v1/webhooks/custom",
                        "{}".getBytes(StandardCharsets.UTF_8), Map.of("X-Idempotency-Key", key));
                await().atMost(Duration.ofSeconds(10)).until(() -> !inbound.valuesFor("custom:" + key).isEmpty());
                assertThat(inFlight).isNotDone();

                int port = stack.ingest().port();
                stack.close();

                TestHttp.Reply answer = inFlight.join();
                assertThat(answer.status()).isEqualTo(202);
                assertThat(answer.text()).contains("\"status\":\"queued\"");
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(IOException.class);
            }
        }
    }
}
