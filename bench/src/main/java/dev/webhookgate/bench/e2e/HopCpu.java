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
