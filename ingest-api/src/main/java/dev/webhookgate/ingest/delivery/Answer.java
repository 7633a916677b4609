package dev.webhookgate.ingest.delivery;

/**
 * The reply to one delivery that got as far as Kafka.
 *
 * @param outcome the metrics label: {@code accepted}, {@code replayed}, {@code queued}
 */
public record Answer(int status, byte[] body, boolean replayed, String outcome) {
}
