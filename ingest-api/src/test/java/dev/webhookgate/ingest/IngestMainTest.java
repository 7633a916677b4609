package dev.webhookgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.fixture.FreePorts;
import dev.webhookgate.fixture.ChildJvm;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.ingest.support.HungVerdicts;
import dev.webhookgate.ingest.support.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real process: a bad variable stops it with exit code 2, SIGTERM drains it. */
class IngestMainTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    private static Process launch(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command("256m", IngestMain.class.getName())).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void aBadVariableStopsStartUpWithExitCode2AndASentenceNamingIt() throws Exception {
        Process process = launch(Map.of("VERDICT_TIMEOUT_MS", "soon", "INGEST_PORT", "0"));
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("VERDICT_TIMEOUT_MS must be a whole number");
    }

    /** {@link HungVerdicts} keeps a request in flight (published, waiting for its verdict) while SIGTERM arrives. */
    @Test
    void sigtermLetsTheInFlightAnswerFinishThenExits() throws Exception {
        int port = FreePorts.next();
        var topics = kafka.createRandomTopics(3);
        try (HungVerdicts hungVerdicts = new HungVerdicts()) {
            Process process = launch(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "TOPIC_PREFIX", topics.prefix(),
                    "DEDUP_URL", hungVerdicts.url(), "INGEST_PORT", String.valueOf(port)));
            TestHttp http = TestHttp.to(port);
            try (TopicReader inbound = new TopicReader(kafka.bootstrapServers(), topics.inbound())) {
                await().atMost(Duration.ofSeconds(90)).ignoreExceptionsInstanceOf(UncheckedIOException.class)
                        .until(() -> http.get("/health/live").status() == 200);
                String key = "k-" + UUID.randomUUID();
                CompletableFuture<TestHttp.Reply> inFlight = http.postAsync("/api/v1/webhooks/custom",
                        "{}".getBytes(StandardCharsets.UTF_8), Map.of("X-Idempotency-Key", key));
                await().atMost(Duration.ofSeconds(10)).until(() -> !inbound.valuesFor("custom:" + key).isEmpty());

                process.destroy();

                TestHttp.Reply answer = inFlight.join();
                assertThat(answer.status()).isEqualTo(202);
                assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isEqualTo(143);
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
