package dev.webhookgate.ingest.publish;

import dev.webhookgate.contract.WebhookEnvelope;
import java.util.concurrent.CompletableFuture;

/** Puts a delivery on the inbound topic; the future completes once the record is durable (acks=all) or fails. */
public interface Publisher extends AutoCloseable {

    CompletableFuture<RecordPosition> publish(WebhookEnvelope envelope);

    @Override
    void close();
}
