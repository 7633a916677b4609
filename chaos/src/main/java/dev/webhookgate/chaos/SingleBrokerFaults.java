package dev.webhookgate.chaos;

import java.time.Duration;
import java.util.Map;

/**
 * Scenario 1: one broker; under load, kill -9 of dedup-streams, order-consumer, the broker (restarted on
 * its log directory) and the ingest, one after another, each started again at once as a supervisor
 * would; then PostgreSQL unreachable for 10 s.
 */
final class SingleBrokerFaults implements Scenario {

    @Override
    public String name() {
        return "1-single-broker-kills";
    }

    @Override
    public Result run(ChaosContext ctx) {
        Brokers.Single brokers = ctx.singleBroker();
        try (Campaign c = new Campaign(ctx, "s1", brokers, new Stack.Options(1, true, Map.of(), true))) {
            c.startLoad(ctx.rate(), 0);
            Faults faults = new Faults(ctx);
            faults.pause();
            faults.step("kill -9 dedup-streams", () -> Stack.killAndRestart(c.stack.dedup(1)));
            faults.step("kill -9 order-consumer", () -> Stack.killAndRestart(c.stack.orders()));
            faults.step("kill -9 broker", () -> brokers.killAndRestart(3000));
            faults.step("kill -9 ingest-api", () -> Stack.killAndRestart(c.stack.ingest()));
            faults.step("PostgreSQL unreachable 10 s", () -> c.proxy.outage(Duration.ofSeconds(10)));
            Result result = Result.of(c.finish());
            result.notes().addAll(faults.log());
            c.cleanUp(result.passed());
            return result;
        }
    }
}
