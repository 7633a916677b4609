package dev.webhookgate.ingest.publish;

import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.ingest.AnswerDeadline;
import io.opentelemetry.context.Context;
import java.util.concurrent.CompletableFuture;

/** Puts a delivery on the inbound topic; the future completes once the record is durable (acks=all) or fails. */
public interface Publisher extends AutoCloseable {

    /**
     * @param deadline the request's: a record still waiting to be handed to the producer once its request is
     *     answered is dropped and never sent (the answer was a 503; nothing else may then store it)
     * @param trace the publish span's context, carried in the record's headers; null when tracing is off
     */
    CompletableFuture<RecordPosition> publish(WebhookEnvelope envelope, AnswerDeadline deadline, Context trace);

    /** The topic records go to, as spans name it. */
    String topic();

    @Override
    void close();
}
