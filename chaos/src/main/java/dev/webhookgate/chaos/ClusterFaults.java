package dev.webhookgate.chaos;

import dev.webhookgate.fixture.KafkaCluster;
import java.util.Map;

/**
 * Scenario 2: three KRaft nodes (RF 3, min.insync.replicas 2, Streams' internal topics at RF 3). Under
 * load: kill -9 one broker that is not the controller and bring it back; kill -9 the active controller and
 * bring it back; then a rolling restart (SIGTERM, start, next) of all three.
 */
final class ClusterFaults implements Scenario {

    @Override
    public String name() {
        return "2-three-node-cluster";
    }

    @Override
    public Result run(ChaosContext ctx) {
        Brokers.Cluster brokers = new Brokers.Cluster(ctx.dir(name()).resolve("cluster"));
        KafkaCluster cluster = brokers.cluster;
        try (Campaign c = new Campaign(ctx, "s2", brokers, new Stack.Options(1, true, Map.of(), true))) {
            c.startLoad(ctx.rate(), 0);
            Faults faults = new Faults(ctx);
            faults.pause();
            int controller = cluster.activeController();
            int follower = controller % KafkaCluster.NODES + 1;
            faults.step("kill -9 broker " + follower + " (not the controller)", () -> {
                cluster.kill(follower);
                Pause.millis(ctx.pauseMillis());
                cluster.start(follower);
            });
            int active = cluster.activeController();
            faults.step("kill -9 broker " + active + " (the active controller)", () -> {
                cluster.kill(active);
                Pause.millis(ctx.pauseMillis());
                faults.note("new active controller: " + cluster.activeController());
                cluster.start(active);
            });
            faults.step("rolling restart of all three", () -> {
                for (int node = 1; node <= KafkaCluster.NODES; node++) {
                    cluster.stop(node);
                    cluster.start(node);
                    // let the restarted node's replicas rejoin the ISR before the next one goes
                    Pause.millis(ctx.pauseMillis());
                }
            });
            Result result = Result.of(c.finish());
            result.notes().addAll(faults.log());
            c.cleanUp(result.passed());
            return result;
        }
    }
}
