package dev.webhookgate.console.kafka;

/** Kafka did not answer a console read in time; the HTTP layer answers 503 with this sentence. */
public class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
