package dev.webhookgate.ingest.publish;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer settings the acknowledgment protocol depends on. The request's answer deadline bounds the
 * answer whatever Kafka does; these bounds make the producer itself give up on a record within it, so a
 * record rarely outlives its request's 503.
 */
public final class ProducerSettings {

    /** send() blocks while it waits for metadata; 60 s by default would hold the request past every provider's limit. */
    public static final Duration MAX_BLOCK = Duration.ofMillis(1000);
    public static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);
    public static final Duration LINGER = Duration.ofMillis(1);
    /** Must be at least linger + request timeout, or the producer refuses to start. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofMillis(2500);

    private ProducerSettings() {
    }

    public static Properties of(KafkaClientSettings kafka) {
        Properties props = kafka.clientProperties("ingest-api");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        // at a given concurrency linger caps throughput more than CPU does (measured: 5 ms halves it)
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) LINGER.toMillis());
        // a 512 KiB body escaped into the JSON envelope can pass the 1 MiB default
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
