package dev.webhookgate.bench.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU per webhook per hop: each hop's processes' CPU seconds ({@link ProcessCpu}) over one phase, divided by
 * the webhooks accepted in it. Counted over the warm phase only, so start-up's class loading and JIT work,
 * which a long-running deployment does not pay per webhook, stays out of it. Several instances of a hop add
 * up: the cost of a webhook is what the whole hop spent on it, wherever it ran (a forwarded verdict costs on
 * both dedup instances).
 */
final class HopCpu {

    private final Map<String, List<Long>> pidsByRole;
    private final Map<String, Double> start;

    private HopCpu(Map<String, List<Long>> pidsByRole) {
        this.pidsByRole = pidsByRole;
        this.start = seconds(pidsByRole);
    }

    /** Starts counting now; {@code pidsByRole} as {@link SystemUnderTest#pidsByRole()}. */
    static HopCpu from(Map<String, List<Long>> pidsByRole) {
        return new HopCpu(pidsByRole);
    }

    /**
     * Cores each hop uses with no traffic, over {@code window} from now: its per-second work (timers, empty polls,
     * EOS commits, and JIT compiling left over from the load before), which a webhook does not cause and which
     * does not grow with the rate, so the per-webhook cost can be told from it ({@link #marginal}).
     */
    static Map<String, Double> quietCores(Map<String, List<Long>> pidsByRole, java.time.Duration window) throws InterruptedException {
        Map<String, Double> before = seconds(pidsByRole);
        Thread.sleep(window.toMillis());
        Map<String, Double> cores = new LinkedHashMap<>();
        seconds(pidsByRole).forEach((role, s) -> cores.put(role, Math.round((s - before.get(role)) / window.toSeconds() * 1000) / 1000.0));
        return cores;
    }

    /**
     * The part of {@code perWebhook} the webhooks caused: less what the hop would have spent in the same
     * {@code seconds} without them ({@code quietCores}), never below 0.
     */
    static Map<String, Double> marginal(Map<String, Double> perWebhook, Map<String, Double> quietCores, double seconds, long accepted) {
        Map<String, Double> marginal = new LinkedHashMap<>();
        perWebhook.forEach((role, us) -> marginal.put(role,
                Math.round(Math.max(0, us - quietCores.getOrDefault(role, 0.0) * seconds * 1e6 / accepted) * 10) / 10.0));
        return marginal;
    }

    /** Microseconds of CPU per accepted webhook, by hop, since {@link #from}; empty when no hop is known. */
    Map<String, Double> microsPerWebhook(long accepted) {
        Map<String, Double> now = seconds(pidsByRole);
        Map<String, Double> perWebhook = new LinkedHashMap<>();
        if (accepted <= 0) {
            return perWebhook;
        }
        now.forEach((role, seconds) -> perWebhook.put(role, Math.round((seconds - start.get(role)) * 1e6 / accepted * 10) / 10.0));
        return perWebhook;
    }

    private static Map<String, Double> seconds(Map<String, List<Long>> pidsByRole) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pidsByRole.forEach((role, pids) -> seconds.put(role, ProcessCpu.seconds(pids)));
        return seconds;
    }
}
