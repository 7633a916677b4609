package dev.webhookgate.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.ingest.support.Http;
import dev.webhookgate.ingest.support.Stack;
import dev.webhookgate.ingest.support.TopicReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GracefulShutdownTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    /**
     * The verdict endpoint here accepts connections and never answers, as a hung dedup-streams would: that
     * keeps a request in flight (published, waiting for its verdict) long enough to stop the service under it.
     */
    @Test
    void closingFinishesInFlightAnswersAndAcceptsNoNewConnections() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket hungVerdicts = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try {
                    while (true) {
                        held.add(hungVerdicts.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            String key = "k-" + UUID.randomUUID();
            try (Stack stack = Stack.ingestOnly(kafka.bootstrapServers(), kafka.createRandomTopics(Stack.PARTITIONS),
                    "http://127.0.0.1:" + hungVerdicts.getLocalPort(), "VERDICT_TIMEOUT_MS", "2000");
                 Http client = new Http(stack.ingest().port());
                 TopicReader inbound = stack.reader(stack.topics().inbound())) {
                CompletableFuture<HttpResponse<String>> inFlight = client.postAsync("/api/v1/webhooks/custom",
                        "{}".getBytes(StandardCharsets.UTF_8), Map.of("X-Idempotency-Key", key));
                await().atMost(Duration.ofSeconds(10)).until(() -> !inbound.valuesFor("custom:" + key).isEmpty());
                assertThat(inFlight).isNotDone();

                int port = stack.ingest().port();
                stack.close();

                HttpResponse<String> answer = inFlight.join();
                assertThat(answer.statusCode()).isEqualTo(202);
                assertThat(answer.body()).contains("\"status\":\"queued\"");
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(IOException.class);
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
