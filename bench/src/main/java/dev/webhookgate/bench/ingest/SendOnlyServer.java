package dev.webhookgate.bench.ingest;

import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Fingerprint;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.ingest.publish.ProducerSettings;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Javalin + one Kafka send per request with the ingest's own producer settings (acks=all, idempotent),
 * answering in the send callback: the ingest without checks and without verdicts. It sends a contract
 * envelope of the same size as the ingest's, by default to a topic prefix of its own so dedup-streams never sees
 * it; the bench also points it at the inbound topic dedup-streams reads, for a baseline that carries the
 * deduplication load.
 */
public final class SendOnlyServer {

    private static final byte[] ACK = "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);

    private SendOnlyServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("BENCH_PORT", "8090"));
        String topic = new Topics(System.getenv().getOrDefault("TOPIC_PREFIX", Topics.DEFAULT_PREFIX)).inbound();
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProducerSettings.of(KafkaClientSettings.from(Env.system())));
        Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.port = port;
            cfg.routes.post("/api/v1/webhooks/{provider}", ctx -> {
                byte[] body = ctx.bodyAsBytes();
                WebhookEnvelope envelope = new WebhookEnvelope(UUID.randomUUID().toString(), Provider.CUSTOM,
                        ctx.header("X-Idempotency-Key"), Instant.now(), Fingerprint.of(body), ctx.contentType(), Map.of(),
                        new String(body, StandardCharsets.UTF_8));
                CompletableFuture<Void> sent = new CompletableFuture<>();
                producer.send(new ProducerRecord<>(topic, envelope.key().kafkaKey(), ContractJson.envelope(envelope)), (metadata, error) -> {
                    if (error != null) {
                        sent.completeExceptionally(error);
                    } else {
                        sent.complete(null);
                    }
                });
                ctx.future(() -> sent.thenRun(() -> ctx.contentType("application/json").result(ACK)));
            });
        }).start();
    }
}
