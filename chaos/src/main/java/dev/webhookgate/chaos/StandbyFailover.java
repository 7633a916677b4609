package dev.webhookgate.chaos;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 3: two dedup-streams instances with one standby each (no static membership, a 6 s session):
 * kill -9 the instance the ingest does not ask, leave it dead, and see the other take its partitions from
 * its warm standby: verdicts are 200 again on every partition, and nothing is lost or twice.
 */
final class StandbyFailover implements Scenario {

    static final Map<String, String> STANDBY = Map.of("NUM_STANDBY_REPLICAS", "1", "DEDUP_SESSION_TIMEOUT_MS", "6000");
    private static final Duration VERDICTS_BACK = Duration.ofSeconds(120);
    private static final Duration ASK_SHARE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "3-standby-failover";
    }

    @Override
    public Result run(ChaosContext ctx) {
        Brokers.Single brokers = ctx.singleBroker();
        try (Campaign c = new Campaign(ctx, "s3", brokers, new Stack.Options(2, false, STANDBY, true))) {
            c.startLoad(ctx.rate(), 0);
            Faults faults = new Faults(ctx);
            VerdictProbe probe = new VerdictProbe(c.client(), c.seen, "probe-s3", Stack.PARTITIONS);
            probe.awaitAll200(System.nanoTime(), VERDICTS_BACK);
            faults.pause();
            // the load reaches every partition, so an instance with active partitions has decided keys in them
            long survivorKeys = ActiveShare.totalKeys(c.stack.dedup(1), ASK_SHARE);
            long killedKeys = ActiveShare.totalKeys(c.stack.dedup(2), ASK_SHARE);
            faults.note("keys in active partitions before the kill (-1: no answer): dedup-streams-1 " + survivorKeys + ", dedup-streams-2 " + killedKeys);
            long killed = System.nanoTime();
            c.stack.dedup(2).kill();
            Duration back = probe.awaitAll200(killed, VERDICTS_BACK);
            faults.note(String.format(Locale.ROOT, "kill -9 dedup-streams-2 (left dead): verdicts 200 on every partition after %.1f s",
                    back.toMillis() / 1000.0));
            faults.pause();
            Result result = Result.of(c.finish());
            result.notes().addAll(faults.log());
            if (survivorKeys <= 0 || killedKeys <= 0) {
                result.problems().add("an instance held no active partition before the kill, so no failover was exercised");
            }
            c.cleanUp(result.passed());
            return result;
        }
    }
}
