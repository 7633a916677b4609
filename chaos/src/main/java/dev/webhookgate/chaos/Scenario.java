package dev.webhookgate.chaos;

import java.util.ArrayList;
import java.util.List;

/** One fault scenario: sets up its campaign, injects its faults under load, and returns the verdict. */
interface Scenario {

    String name();

    Result run(ChaosContext ctx);

    /** The outcome plus what the scenario itself checked (recovery times, TTL behaviour). */
    record Result(Outcome.Figures figures, List<String> problems, List<String> notes) {
        static Result of(Outcome outcome) {
            return new Result(outcome.figures(), new ArrayList<>(outcome.problems()), new ArrayList<>(outcome.notes()));
        }

        boolean passed() {
            return problems.isEmpty();
        }
    }
}
