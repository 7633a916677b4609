package dev.webhookgate.orders.redrive;

import dev.webhookgate.orders.ledger.DeadLetterFilter;
import dev.webhookgate.orders.ledger.DecidedEvent;
import dev.webhookgate.orders.ledger.LedgerReader;
import dev.webhookgate.orders.ledger.LedgerRefusedException;
import dev.webhookgate.orders.ledger.LedgerWriter;
import dev.webhookgate.orders.ledger.Outcome;
import dev.webhookgate.orders.mapping.EventMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs dead-lettered events through today's mapping. The ledger decides who books: {@link LedgerWriter#redrive}
 * claims the event and books it in one transaction, so concurrent redrives and Kafka redeliveries book it once.
 */
public final class Redriver {

    private static final int BULK_PAGE = 500;

    private final LedgerReader reader;
    private final LedgerWriter writer;
    private final EventMapping mapping;

    public Redriver(LedgerReader reader, LedgerWriter writer, EventMapping mapping) {
        this.reader = reader;
        this.writer = writer;
        this.mapping = mapping;
    }

    /** What one redrive did. */
    public sealed interface Result {
        /** Booked now ({@code applied}) or found well-formed but not for the ledger ({@code ignored}). */
        record Redriven(String eventId, Outcome outcome) implements Result {
        }

        /** Still poison: it stays dead-lettered with this error. */
        record StillPoison(String eventId, String error) implements Result {
        }

        /** Never dead-lettered, unknown, or already redriven by someone else. */
        record NotDeadLettered(String eventId) implements Result {
        }
    }

    /** Counts of a bulk redrive; {@code notDeadLettered} were redriven by someone else while this one ran. */
    public record BulkResult(int matched, int applied, int ignored, int stillPoison, int notDeadLettered) {

        BulkResult plus(Result result) {
            if (result instanceof Result.Redriven redriven) {
                boolean applied = redriven.outcome() == Outcome.APPLIED;
                return new BulkResult(matched + 1, this.applied + (applied ? 1 : 0), ignored + (applied ? 0 : 1), stillPoison, notDeadLettered);
            }
            if (result instanceof Result.StillPoison) {
                return new BulkResult(matched + 1, applied, ignored, stillPoison + 1, notDeadLettered);
            }
            return new BulkResult(matched + 1, applied, ignored, stillPoison, notDeadLettered + 1);
        }
    }

    public Result redrive(String eventId) {
        Optional<LedgerReader.StoredDeadLetter> stored = reader.deadLettered(eventId);
        if (stored.isEmpty()) {
            return new Result.NotDeadLettered(eventId);
        }
        LedgerReader.StoredDeadLetter letter = stored.get();
        DecidedEvent event = DecidedEvent.decide(mapping, letter.envelope(), letter.topic(), letter.partition(), letter.offset());
        if (event.deadLetterReason() != null) {
            return stillPoison(eventId, event.deadLetterReason());
        }
        try {
            return writer.redrive(event)
                    .<Result>map(outcome -> new Result.Redriven(eventId, outcome))
                    .orElseGet(() -> new Result.NotDeadLettered(eventId));
        } catch (LedgerRefusedException e) {
            // the mapping accepts it but the database does not (a value too long for its column): poison all the same
            return stillPoison(eventId, "the ledger refused the event: " + e.getCause().getMessage());
        }
    }

    /** Every dead letter the filter matches when the walk reaches it, oldest first, each in its own transaction. */
    public BulkResult redriveAll(DeadLetterFilter filter) {
        BulkResult total = new BulkResult(0, 0, 0, 0, 0);
        long after = 0;
        while (true) {
            List<Map.Entry<Long, String>> page = reader.deadLetterIds(filter, after, BULK_PAGE);
            for (Map.Entry<Long, String> entry : page) {
                total = total.plus(redrive(entry.getValue()));
                after = entry.getKey();
            }
            if (page.size() < BULK_PAGE) {
                return total;
            }
        }
    }

    /** The events the operator selected, in the order given. */
    public BulkResult redriveEach(List<String> eventIds) {
        BulkResult total = new BulkResult(0, 0, 0, 0, 0);
        for (String eventId : eventIds) {
            total = total.plus(redrive(eventId));
        }
        return total;
    }

    private Result stillPoison(String eventId, String error) {
        return writer.keepDeadLettered(eventId, error) ? new Result.StillPoison(eventId, error) : new Result.NotDeadLettered(eventId);
    }
}
