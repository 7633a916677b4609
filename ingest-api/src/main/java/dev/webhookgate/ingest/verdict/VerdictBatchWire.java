package dev.webhookgate.ingest.verdict;

import dev.webhookgate.contract.verdict.VerdictItem;
import dev.webhookgate.contract.verdict.VerdictResponseCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the ingest makes of a verdict answer ({@link VerdictResponseCodec}, docs/verdict-protocol.md): a
 * found item is the key's first delivery; any other item is no verdict, never an exception.
 */
final class VerdictBatchWire {

    private VerdictBatchWire() {
    }

    /** Exactly {@code expected} answers in query order; items missing from the reply are {@link VerdictAnswer.Unknown}. */
    static List<VerdictAnswer> answers(byte[] body, int expected) {
        List<VerdictAnswer> answers = new ArrayList<>(expected);
        for (VerdictItem item : VerdictResponseCodec.read(body, expected)) {
            answers.add(answerOf(item));
        }
        return answers;
    }

    private static VerdictAnswer answerOf(VerdictItem item) {
        if (item instanceof VerdictItem.Found found) {
            return new VerdictAnswer.FirstDelivery(found.eventId(), found.receivedAt(), found.fingerprint());
        }
        VerdictItem.Failed failed = (VerdictItem.Failed) item;
        return new VerdictAnswer.Unknown("dedup-streams answered " + failed.status()
                + (failed.message() == null ? "" : ": " + failed.message()));
    }
}
