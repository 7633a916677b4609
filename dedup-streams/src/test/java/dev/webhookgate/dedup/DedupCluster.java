package dev.webhookgate.dedup;

import static org.awaitility.Awaitility.await;

import dev.webhookgate.fixture.CommittedRecords;
import dev.webhookgate.fixture.TestHttp;
import dev.webhookgate.fixture.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.runtime.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Test-side wiring around real dedup instances on a real broker: a publisher acting as the ingest, an
 * HTTP client, and readers of the output topics. Closes everything it started.
 */
final class DedupCluster implements AutoCloseable {

    record Published(WebhookEnvelope envelope, int partition, long offset) {
    }

    private final String bootstrap;
    final Topics topics;
    final String applicationId;
    private final KafkaProducer<String, WebhookEnvelope> producer;
    private final List<DedupService> services = new ArrayList<>();

    DedupCluster(String bootstrap, Topics topics) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.applicationId = "dedup-" + topics.prefix();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, ContractSerdes.key().serializer(), ContractSerdes.envelope().serializer());
    }

    DedupConfig config(Path dataDir, Map<String, String> extra) {
        Map<String, String> vars = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "TOPIC_PREFIX", topics.prefix(),
                "APPLICATION_ID", applicationId,
                "DATA_DIR", dataDir.toString(),
                "DEDUP_PORT", "0"));
        vars.putAll(extra);
        return DedupConfig.from(new Env(vars));
    }

    DedupService start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    DedupService start(Path dataDir, Map<String, String> extra) {
        DedupService service = DedupService.start(config(dataDir, extra));
        services.add(service);
        return service;
    }

    void stop(DedupService service) {
        service.close();
        services.remove(service);
    }

    static void awaitReady(DedupService... instances) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (DedupService instance : instances) {
                if (!instance.isReady()) {
                    return false;
                }
            }
            return true;
        });
    }

    Published publish(WebhookEnvelope envelope) {
        try {
            RecordMetadata meta = producer.send(new ProducerRecord<>(topics.inbound(), null, envelope.receivedAt().toEpochMilli(),
                    envelope.key().kafkaKey(), envelope)).get();
            return new Published(envelope, meta.partition(), meta.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing failed", e.getCause());
        }
    }

    /** The verdict of one record, asked as a batch of one; the reply is that item (its status and fields). */
    Reply verdict(DedupService instance, Published published) {
        return verdictItem(post(instance, "/internal/v1/verdicts", "{\"wait_ms\":5000,\"queries\":[" + batchQuery(published) + "]}"));
    }

    static Reply verdictItem(Reply batch) {
        if (batch.status() != 200) {
            return batch;
        }
        JsonNode item = batch.json().path("verdicts").path(0);
        return new Reply(item.path("status").asInt(), batch.headers(), item.toString());
    }

    Reply get(DedupService instance, String path) {
        return http(instance).get(path);
    }

    Reply delete(DedupService instance, String path) {
        return http(instance).delete(path);
    }

    Reply post(DedupService instance, String path, String json) {
        return http(instance).post(path, json);
    }

    Reply send(HttpRequest.Builder request) {
        return TestHttp.exchange(request);
    }

    String text(DedupService instance, String path) {
        return http(instance).get(path).text();
    }

    String text(HttpRequest.Builder request) {
        return TestHttp.exchange(request.GET()).text();
    }

    static TestHttp http(DedupService instance) {
        return TestHttp.to(instance.port());
    }

    /** One item of a {@code POST /internal/v1/verdicts} batch asking for the verdict of {@code p}. */
    static String batchQuery(Published p) {
        return "{\"provider\":\"" + p.envelope().provider().id() + "\",\"idempotency_key\":\"" + p.envelope().idempotencyKey()
                + "\",\"partition\":" + p.partition() + ",\"offset\":" + p.offset() + "}";
    }

    static URI uri(DedupService instance, String path) {
        return URI.create("http://127.0.0.1:" + instance.port() + path);
    }

    /** Every record committed to a topic, as JSON trees, once {@code expected} are (a record beyond them is a wrong extra output). */
    List<JsonNode> readAll(String topic, int expected) {
        return CommittedRecords.awaitAtLeast(bootstrap, topic, new ByteArrayDeserializer(), expected, Duration.ofSeconds(30)).stream()
                .map(record -> ContractJson.tree(record.value())).toList();
    }

    @Override
    public void close() {
        for (DedupService service : List.copyOf(services)) {
            service.close();
        }
        services.clear();
        producer.close();
    }
}
