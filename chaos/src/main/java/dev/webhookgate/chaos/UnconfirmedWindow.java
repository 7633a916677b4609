package dev.webhookgate.chaos;

import java.util.Map;

/**
 * Scenario 5, the 503 window: the broker is killed twice while load runs and stays away long enough for
 * the ingest's publish to time out. Half the keys belong to a provider that gives up after its first 503.
 * Each such key must be absent everywhere or processed exactly once, and every 503 must say that the
 * delivery was not confirmed and that a retry is safe.
 */
final class UnconfirmedWindow implements Scenario {

    /** Well past the ingest's publish bound (a few seconds), so requests in flight get their 503; shorter in --quick. */
    private static final long BROKER_DOWN_MILLIS = 8000;
    private static final long QUICK_BROKER_DOWN_MILLIS = 5000;

    @Override
    public String name() {
        return "5-503-window";
    }

    @Override
    public Result run(ChaosContext ctx) {
        Brokers.Single brokers = ctx.singleBroker();
        try (Campaign c = new Campaign(ctx, "s5", brokers, new Stack.Options(1, true, Map.of(), true))) {
            c.startLoad(ctx.rate(), 0.5);
            Faults faults = new Faults(ctx);
            faults.pause();
            long down = ctx.quick() ? QUICK_BROKER_DOWN_MILLIS : BROKER_DOWN_MILLIS;
            for (int round = 1; round <= 2; round++) {
                faults.step("kill -9 broker for " + down / 1000 + " s (round " + round + ")", () -> brokers.killAndRestart(down));
            }
            Result result = Result.of(c.finish());
            result.notes().addAll(faults.log());
            if (c.seen.allAnswers().stream().noneMatch(a -> a.status() == 503)) {
                result.problems().add("no delivery was answered 503: the window was never opened, so nothing was proven");
            }
            c.cleanUp(result.passed());
            return result;
        }
    }
}
