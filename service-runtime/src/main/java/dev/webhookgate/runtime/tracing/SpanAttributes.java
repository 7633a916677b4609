package dev.webhookgate.runtime.tracing;

import io.opentelemetry.api.common.AttributeKey;

/** The attribute keys the gateway's spans use: OpenTelemetry's messaging and HTTP conventions, plus our own. */
public final class SpanAttributes {

    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.name");
    public static final AttributeKey<String> MESSAGING_PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    public static final AttributeKey<Long> MESSAGING_OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    public static final AttributeKey<String> MESSAGING_KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    public static final AttributeKey<Long> MESSAGING_BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    public static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    public static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    public static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    public static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("webhookgate.provider");
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("webhookgate.event_id");
    /** {@code accepted}, {@code replayed}, {@code queued}, or an error code: what the ingest answered. */
    public static final AttributeKey<String> ANSWER = AttributeKey.stringKey("webhookgate.answer");
    /** {@code first}, {@code duplicate}, {@code conflict}: what dedup-streams decided. */
    public static final AttributeKey<String> DECISION = AttributeKey.stringKey("webhookgate.decision");
    /** {@code first_delivery} or {@code unknown}: what the verdict wait learned. */
    public static final AttributeKey<String> VERDICT = AttributeKey.stringKey("webhookgate.verdict");
    /** {@code applied}, {@code ignored}, {@code dead_lettered}, {@code already_processed}: what the ledger did. */
    public static final AttributeKey<String> LEDGER_OUTCOME = AttributeKey.stringKey("webhookgate.ledger.outcome");

    public static final String KAFKA = "kafka";

    private SpanAttributes() {
    }
}
