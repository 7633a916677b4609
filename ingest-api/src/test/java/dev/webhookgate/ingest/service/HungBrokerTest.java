package dev.webhookgate.ingest.service;

import dev.webhookgate.fixture.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.ingest.AnswerDeadline;
import dev.webhookgate.ingest.support.HungVerdicts;
import dev.webhookgate.ingest.support.Stack;
import dev.webhookgate.ingest.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broker that hangs (paused, its sockets open) under an ingest whose dedup-streams hangs too, with the
 * longest verdict wait allowed: every answer still comes within the request's deadline, every 503 says the
 * delivery was not confirmed, and a record whose request was answered before the send thread reached it
 * never reaches the topic.
 */
// Isolated (pom.xml runs classes two at a time): times every answer against the 5 s bound; another class running beside it would eat the margin.
@Isolated
class HungBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.dedicated(BrokerMode.SEPARATE_PROCESS);

    private record Posted(String key, TestHttp.Reply response) {
        String message() {
            return ContractJson.tree(response.text().getBytes(StandardCharsets.UTF_8)).get("message").asText();
        }
    }

    @Test
    void aHungBrokerGets503sWithinTheDeadlineAndRecordsAnsweredBeforeTheyReachedTheProducerAreNeverSent() throws Exception {
        try (HungVerdicts dedup = new HungVerdicts();
             Stack stack = Stack.ingestOnly(kafka.bootstrapServers(), kafka.createRandomTopics(Stack.PARTITIONS), dedup.url(),
                     "VERDICT_TIMEOUT_MS", "4000")) {
            // no request yet, so the producer has no metadata: each send() blocks max.block.ms and the rest queue
            kafka.broker().pause();
            List<CompletableFuture<Posted>> pending = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                pending.add(postAsync(stack, "hung-" + i + "-" + UUID.randomUUID()));
            }
            List<Posted> answers = pending.stream().map(CompletableFuture::join).toList();

            for (Posted answer : answers) {
                assertThat(answer.response().status()).as(answer.response().text()).isEqualTo(503);
                assertThat(answer.response().headers().firstValue("Retry-After")).contains("5");
                assertThat(answer.message()).contains("not confirmed", "may still be stored and processed",
                        "a retry with the same key and body is safe");
            }
            String metrics = stack.http().get("/metrics").text();
            assertThat(slowestAnswerSeconds(metrics)).isLessThan(AnswerDeadline.ANSWER_WITHIN.toMillis() / 1000.0);
            // ten sends that block max.block.ms each cannot all start within one deadline: the send thread
            // reaches the last ones after their 503s and drops them
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(sample(stack.http().get("/metrics").text(), "ingest_publish_dropped_total")).isPositive());

            kafka.broker().resume();
            // the send thread works in order: once this one is on the topic, every earlier send has been made
            String marker = "after-" + UUID.randomUUID();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(post(stack, marker).status()).isIn(200, 202));
            try (TopicReader inbound = stack.reader(stack.topics().inbound())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !inbound.valuesFor("custom:" + marker).isEmpty());
                for (Posted answer : answers) {
                    assertThat(inbound.valuesFor("custom:" + answer.key())).as(answer.key()).isEmpty();
                }
            }
        }
    }

    @Test
    void aPublishSlowedByAHungBrokerLeavesTheVerdictWaitOnlyWhatIsLeft() throws Exception {
        try (HungVerdicts dedup = new HungVerdicts();
             Stack stack = Stack.ingestOnly(kafka.bootstrapServers(), kafka.createRandomTopics(Stack.PARTITIONS), dedup.url(),
                     "VERDICT_TIMEOUT_MS", "4000")) {
            assertThat(post(stack, "warm-up-" + UUID.randomUUID()).status()).isEqualTo(202);

            kafka.broker().pause();
            CompletableFuture<Posted> slow = postAsync(stack, "slow-" + UUID.randomUUID());
            // the broker comes back inside request.timeout.ms, so the publish succeeds, 1.2 s late
            CompletableFuture.runAsync(kafka.broker()::resume, CompletableFuture.delayedExecutor(1200, TimeUnit.MILLISECONDS)).join();
            Posted answer = slow.join();

            // 1.2 s of publishing plus a full verdict wait (4 s + slack) would be far past 5 s
            assertThat(answer.response().status()).as(answer.response().text()).isEqualTo(202);
            assertThat(slowestAnswerSeconds(stack.http().get("/metrics").text()))
                    .isLessThan(AnswerDeadline.ANSWER_WITHIN.toMillis() / 1000.0);
        }
    }

    /** From arrival to answer as the ingest measured it: on a loaded machine the client adds its own delays. */
    private static double slowestAnswerSeconds(String metrics) {
        return sample(metrics, "ingest_webhook_latency_seconds_max");
    }

    private static double sample(String metrics, String name) {
        Matcher line = Pattern.compile("^" + name + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(line.find()).as(name + " in " + metrics).isTrue();
        return Double.parseDouble(line.group(2));
    }

    private static TestHttp.Reply post(Stack stack, String key) {
        return stack.http().post("/api/v1/webhooks/custom", "{}", Map.of("X-Idempotency-Key", key));
    }

    private static CompletableFuture<Posted> postAsync(Stack stack, String key) {
        return stack.http().postAsync("/api/v1/webhooks/custom", "{}".getBytes(StandardCharsets.UTF_8), Map.of("X-Idempotency-Key", key))
                .thenApply(response -> new Posted(key, response));
    }
}
