package dev.webhookgate.chaos;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.WebhookEnvelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The verdict on one scenario, from the outside only: the answers the provider got, the ledger (JDBC) and
 * the committed topics. A key's TTL periods ("epochs") are separate events: everything below is per epoch.
 *
 * <ul>
 * <li>lost: keys with a 2xx in some epoch and fewer processed events than such epochs</li>
 * <li>duplicated: keys with more processed events, business effects or unique records than epochs sent</li>
 * <li>mismatched: keys whose 200 answers within one epoch carried more than one event_id</li>
 * <li>unbalanced: payments whose postings do not move exactly the payment's amount</li>
 * </ul>
 */
final class Outcome {

    record Figures(long delivered, int acked, int uniqueKeys, int lost, int duplicated, int mismatched, int unbalanced,
                   long queued202) {
        String line() {
            return String.format(Locale.ROOT, "delivered=%d acked=%d unique_keys=%d lost=%d duplicated=%d mismatched=%d unbalanced=%d queued202=%d",
                    delivered, acked, uniqueKeys, lost, duplicated, mismatched, unbalanced, queued202);
        }
    }

    private final Figures figures;
    private final List<String> problems;
    private final List<String> notes;

    private Outcome(Figures figures, List<String> problems, List<String> notes) {
        this.figures = figures;
        this.problems = problems;
        this.notes = notes;
    }

    Figures figures() {
        return figures;
    }

    List<String> problems() {
        return problems;
    }

    List<String> notes() {
        return notes;
    }

    /** Keys whose acked epochs are not all in the ledger yet: what a settling wait waits for. */
    static int unsettled(Observations seen, Ledger ledger) {
        Map<String, Integer> processed = ledger.processedByKey();
        int missing = 0;
        for (Map.Entry<String, Observations.Kind> key : seen.kinds().entrySet()) {
            if (key.getValue() != Observations.Kind.BAD_INPUT
                    && processed.getOrDefault(key.getKey(), 0) < ackedEpochs(seen.answers(key.getKey())).size()) {
                missing++;
            }
        }
        return missing;
    }

    static Outcome judge(Observations seen, Ledger ledger, List<ConsumerRecord<String, byte[]>> unique,
                         List<ConsumerRecord<String, byte[]>> inbound) {
        Map<String, Integer> processed = ledger.processedByKey();
        Map<String, Integer> effects = ledger.effectsByKey();
        Map<String, Set<String>> uniqueEvents = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : unique) {
            WebhookEnvelope envelope = ContractJson.envelope(record.value());
            uniqueEvents.computeIfAbsent(envelope.idempotencyKey(), k -> new HashSet<>()).add(envelope.eventId());
        }
        Set<String> inboundKeys = inbound.stream().map(r -> ContractJson.envelope(r.value()).idempotencyKey()).collect(Collectors.toSet());

        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int acked = 0;
        int uniqueKeys = 0;
        int lost = 0;
        int duplicated = 0;
        int mismatched = 0;
        for (Map.Entry<String, Observations.Kind> planned : seen.kinds().entrySet()) {
            String key = planned.getKey();
            List<Answer> answers = seen.answers(key);
            if (planned.getValue() == Observations.Kind.BAD_INPUT) {
                if (answers.stream().anyMatch(a -> a.status() != 400 && !a.retryable())) {
                    problems.add("bad input " + key + " was answered " + statuses(answers) + ", not 400");
                }
                if (inboundKeys.contains(key) || processed.containsKey(key)) {
                    problems.add("bad input " + key + " reached Kafka or the ledger");
                }
                continue;
            }
            uniqueKeys++;
            Set<Integer> ackedEpochs = ackedEpochs(answers);
            int epochsSent = answers.stream().mapToInt(Answer::epoch).max().orElse(0) + 1;
            if (!ackedEpochs.isEmpty()) {
                acked++;
            }
            int events = processed.getOrDefault(key, 0);
            if (events < ackedEpochs.size()) {
                lost++;
                problems.add("lost: " + key + " acked in " + ackedEpochs.size() + " epoch(s), " + events + " processed");
            }
            int uniqueRecords = uniqueEvents.getOrDefault(key, Set.of()).size();
            if (events > epochsSent || effects.getOrDefault(key, 0) > epochsSent || uniqueRecords > epochsSent) {
                duplicated++;
                problems.add("duplicated: " + key + " processed " + events + ", effects " + effects.getOrDefault(key, 0)
                        + ", unique event ids " + uniqueRecords + " for " + epochsSent + " epoch(s)");
            }
            for (int epoch = 0; epoch < epochsSent; epoch++) {
                int e = epoch;
                long ids = answers.stream().filter(a -> a.epoch() == e && a.status() == 200).map(Answer::eventId).distinct().count();
                if (ids > 1) {
                    mismatched++;
                    problems.add("mismatched: " + key + " got " + ids + " event ids in 200 answers of epoch " + epoch);
                }
            }
            if (planned.getValue() == Observations.Kind.CONFLICT && answers.stream().noneMatch(a -> a.status() == 422)
                    && answers.stream().anyMatch(a -> !a.retryable() && !a.accepted())) {
                problems.add("conflict " + key + " was answered " + statuses(answers) + " without a 422");
            }
            // A 202 to the other body is honest (durable, verdict late) and carries that delivery's own ack; a 200 to it
            // would carry a second event id, which the mismatched count above already catches, and a second effect
            // would show as duplicated.
        }
        check503s(seen, processed, uniqueEvents, inboundKeys, problems, notes);
        int unbalanced = ledger.unbalanced();
        if (unbalanced > 0) {
            problems.add(unbalanced + " payment(s) whose postings do not balance");
        }
        long queued = seen.allAnswers().stream().filter(a -> a.status() == 202).count();
        Figures figures = new Figures(seen.delivered(), acked, uniqueKeys, lost, duplicated, mismatched, unbalanced, queued);
        return new Outcome(figures, problems, notes);
    }

    /**
     * Every key the provider gave up on after a 503 is either absent everywhere or processed exactly once, and
     * every 503 says that the delivery was not confirmed and that a retry is safe.
     */
    private static void check503s(Observations seen, Map<String, Integer> processed, Map<String, Set<String>> uniqueEvents,
                                  Set<String> inboundKeys, List<String> problems, List<String> notes) {
        int gaveUp = 0;
        int absent = 0;
        int once = 0;
        for (String key : seen.gaveUpAfter503()) {
            if (seen.answers(key).stream().anyMatch(Answer::accepted)) {
                continue; // a concurrent or later delivery of the key was acknowledged: judged as acked above
            }
            gaveUp++;
            int events = processed.getOrDefault(key, 0);
            int uniques = uniqueEvents.getOrDefault(key, Set.of()).size();
            if (events == 0 && uniques == 0 && !inboundKeys.contains(key)) {
                absent++;
            } else if (events == 1 && uniques == 1) {
                once++;
            } else {
                problems.add("503 then given up: " + key + " is neither absent nor processed once (processed " + events
                        + ", unique " + uniques + ", in inbound " + inboundKeys.contains(key) + ")");
            }
        }
        List<Answer> unavailable = seen.allAnswers().stream().filter(a -> a.status() == 503).toList();
        long unclear = unavailable.stream().filter(a -> !says503(a.message())).count();
        if (unclear > 0) {
            problems.add(unclear + " of " + unavailable.size() + " 503 answers do not say \"not confirmed\" and that a retry is safe"
                    + " (e.g. \"" + unavailable.stream().filter(a -> !says503(a.message())).findFirst().map(Answer::message).orElse("") + "\")");
        }
        notes.add("answers_503=" + unavailable.size() + " gave_up_after_503=" + gaveUp + " absent=" + absent + " processed_once=" + once);
    }

    private static boolean says503(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("not confirmed") && m.contains("retry");
    }

    private static Set<Integer> ackedEpochs(List<Answer> answers) {
        return answers.stream().filter(Answer::accepted).map(Answer::epoch).collect(Collectors.toSet());
    }

    private static String statuses(List<Answer> answers) {
        return answers.stream().map(a -> String.valueOf(a.status())).collect(Collectors.joining(","));
    }
}
