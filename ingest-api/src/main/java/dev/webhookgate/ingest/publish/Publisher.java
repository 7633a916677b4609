package dev.webhookgate.ingest.publish;

import dev.webhookgate.contract.WebhookEnvelope;
import io.opentelemetry.context.Context;
import java.util.concurrent.CompletableFuture;

/** Puts a delivery on the inbound topic; the future completes once the record is durable (acks=all) or fails. */
public interface Publisher extends AutoCloseable {

    /** @param trace the publish span's context, carried in the record's headers; null when tracing is off */
    CompletableFuture<RecordPosition> publish(WebhookEnvelope envelope, Context trace);

    /** The topic records go to, as spans name it. */
    String topic();

    @Override
    void close();
}
