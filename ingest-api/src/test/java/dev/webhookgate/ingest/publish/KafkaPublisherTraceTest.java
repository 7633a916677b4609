package dev.webhookgate.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.Fingerprint;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.fixture.MemoryTracing;
import dev.webhookgate.ingest.AnswerDeadline;
import dev.webhookgate.ingest.support.TopicReader;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import dev.webhookgate.runtime.tracing.KafkaTraceHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an inbound record carries of the publish span, read back from a real broker as dedup-streams reads it. */
class KafkaPublisherTraceTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    private final MemoryTracing tracing = new MemoryTracing("ingest-api");
    private Topics topics;
    private KafkaPublisher publisher;
    private TopicReader reader;

    @BeforeEach
    void start() {
        topics = kafka.createRandomTopics(1);
        publisher = new KafkaPublisher(KafkaClientSettings.plaintext(kafka.bootstrapServers()), topics, new SimpleMeterRegistry());
        reader = new TopicReader(kafka.bootstrapServers(), topics.inbound());
    }

    @AfterEach
    void stop() {
        reader.close();
        publisher.close();
        tracing.close();
    }

    private ConsumerRecord<String, byte[]> published(Context trace) throws Exception {
        String key = "k-" + UUID.randomUUID();
        WebhookEnvelope envelope = new WebhookEnvelope(UUID.randomUUID().toString(), Provider.CUSTOM, key, Instant.now(),
                Fingerprint.of("{}".getBytes(StandardCharsets.UTF_8)), "application/json", Map.of(), "{}");
        publisher.publish(envelope, AnswerDeadline.from(System.nanoTime()), trace).get(10, TimeUnit.SECONDS);
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> reader.recordsFor(envelope.key().kafkaKey()), records -> !records.isEmpty()).get(0);
    }

    private static List<String> values(ConsumerRecord<String, byte[]> record, String key) {
        return StreamSupport.stream(record.headers().headers(key).spliterator(), false)
                .map(Header::value).map(value -> new String(value, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aTracedRecordCarriesThePublishSpansTraceparentAndTheProvidersTracestate() throws Exception {
        SpanContext provider = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.builder().put("vendor", "v1").build());
        Span publish = tracing.tracer().spanBuilder("send " + topics.inbound()).setParent(Context.root().with(Span.wrap(provider))).startSpan();

        ConsumerRecord<String, byte[]> record = published(Context.root().with(publish));
        publish.end();

        assertThat(values(record, KafkaTraceHeaders.TRACEPARENT)).containsExactly("00-4bf92f3577b34da6a3ce929d0e0e4736-"
                + publish.getSpanContext().getSpanId() + "-01");
        assertThat(values(record, KafkaTraceHeaders.TRACESTATE)).containsExactly("vendor=v1");
    }

    @Test
    void anUntracedRecordHasNoHeaders() throws Exception {
        assertThat(published(null).headers().toArray()).isEmpty();
    }
}
