package dev.webhookgate.orders.ledger;

import java.math.BigInteger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** What the read API answers, field for field (snake_case on the wire, timestamps in docs/api.md's UTC form). */
public final class Views {

    private Views() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Line(String sku, int quantity, Long unitPrice) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Order(String eventId, String retailer, String provider, String idempotencyKey, String naturalId,
                        String currency, List<Line> lines, String createdAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Payment(String eventId, String provider, String kind, String naturalId, long amount, String currency,
                          String orderId, String idempotencyKey, String createdAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** Sums, so BigInteger: bounded amounts still add up past a long over enough postings. */
    public record Balance(String account, String currency, BigInteger debit, BigInteger credit, BigInteger balance) {
    }

    /** {@code balanced}: per currency, the debits of all accounts equal their credits. */
    public record Balances(List<Balance> accounts, boolean balanced) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProcessedEvent(String eventId, String outcome, String reason, String topic, int partition, long offset,
                                 String receivedAt, String processedAt) {
    }

    /** The newest event decides {@code outcome}; {@code events} lists them newest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Processed(String provider, String idempotencyKey, String outcome, String reason, List<ProcessedEvent> events) {
    }

    /** A dead letter as the operator lists it; {@code redrives} counts the operator's tries so far. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeadLetter(String eventId, String provider, String idempotencyKey, String error, String failedAt, int redrives) {
    }

    /** A page of dead letters with the number of all that match the filter (the DLQ size when unfiltered). */
    public record DeadLetterPage(List<DeadLetter> items, String next, long total) {
    }

    /** One page, newest first; {@code next} is the {@code before} cursor of the following page, null at the end. */
    public record Page<T>(List<T> items, String next) {
    }
}
