package dev.webhookgate.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTTP to ledger, as users run it: each system is launched fresh, fed the same {@link Schedule} (30 %
 * retries, half racing their first delivery) on 64 keep-alive connections, and judged by its own database
 * (every accepted key has exactly one order). Rounds alternate the systems so drift in the shared machine
 * falls on all of them. Per system and round:
 * <ol>
 *   <li>cold: traffic starts the moment the system is ready, for {@code coldSeconds}; the accepted-per-second
 *       curve counts from the launch, so the start-up time is in it;</li>
 *   <li>warm-up: {@code warmupSeconds} of other keys;</li>
 *   <li>warm: the measured schedule, closed loop (capacity) or open loop at {@code rate} (latency without
 *       coordinated omission).</li>
 * </ol>
 * Where a system knows which process is which hop ({@link SystemUnderTest#pidsByRole()}), each hop's CPU over
 * the warm phase per accepted webhook goes into the row ({@code cpu_us_per_webhook}), and, from
 * {@code quietSeconds} without traffic between warm-up and warm ({@code quiet_cores}), the part of it the
 * webhooks caused ({@code cpu_us_per_webhook_marginal}, {@link HopCpu#marginal}); a system with several
 * instances adds what it read about their spread after the load ({@code layout}, {@link TwoOfEach}).
 *
 * <pre>
 * java -cp "bench/target/bench.jar:bench/target/lib/*" dev.webhookgate.bench.e2e.E2eBench \
 *     requests=100000 keys=70000 connections=64 rounds=3 systems=seed-style,local-stack,processes,two-of-each out=e2e.json
 * </pre>
 */
public final class E2eBench {

    private E2eBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int requests = Integer.parseInt(opts.getOrDefault("requests", "100000"));
        int keys = Integer.parseInt(opts.getOrDefault("keys", String.valueOf(requests * 7 / 10)));
        int connections = Integer.parseInt(opts.getOrDefault("connections", "64"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int coldSeconds = Integer.parseInt(opts.getOrDefault("coldSeconds", "60"));
        int warmupSeconds = Integer.parseInt(opts.getOrDefault("warmupSeconds", "20"));
        int quietSeconds = Integer.parseInt(opts.getOrDefault("quietSeconds", "10"));
        double rate = Double.parseDouble(opts.getOrDefault("rate", "0"));
        List<String> systems = List.of(opts.getOrDefault("systems", "seed-style,local-stack").split(","));
        List<String> jvmOptions = opts.containsKey("jvm") ? List.of(opts.get("jvm").split(" ")) : List.of();
        Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path out = Path.of(opts.getOrDefault("out", "bench/results/e2e.json"));
        Path logs = Files.createDirectories(Path.of(opts.getOrDefault("logs", "bench/results/logs")));
        Postgres pg = new Postgres(opts.getOrDefault("pgHost", "127.0.0.1"), Integer.parseInt(opts.getOrDefault("pgPort", "55432")),
                opts.getOrDefault("pgDatabase", "ledger_test"), opts.getOrDefault("pgUser", "ledger"), opts.getOrDefault("pgPassword", "ledger"));

        LoadGenerator load = new LoadGenerator(connections);
        Map<String, List<Map<String, Object>>> bySystem = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(systems);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String system : order) {
                String tag = system.replace('-', '_') + "_r" + round;
                Map<String, Object> row = runOne(system, tag, root, pg, logs, jvmOptions, load,
                        Schedule.of(requests, keys, round, tag + "_cold"),
                        Schedule.of(requests, keys, 1000 + round, tag + "_warmup"),
                        Schedule.of(requests, keys, 2000 + round, tag + "_warm"),
                        coldSeconds, warmupSeconds, quietSeconds, rate);
                row.put("round", round);
                bySystem.computeIfAbsent(system, s -> new ArrayList<>()).add(row);
                System.out.println(summary(system, row));
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requests", requests);
        result.put("keys", keys);
        result.put("connections", connections);
        result.put("loop", rate > 0 ? "open at " + rate + " req/s" : "closed");
        result.put("systems", bySystem);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println("wrote " + out);
    }

    private static Map<String, Object> runOne(String system, String tag, Path root, Postgres pg, Path logs, List<String> jvmOptions,
                                              LoadGenerator load, Schedule cold, Schedule warmup, Schedule warm,
                                              int coldSeconds, int warmupSeconds, int quietSeconds, double rate) throws Exception {
        String schema = "e2e_" + tag;
        try (SystemUnderTest sut = Systems.of(system, root, pg, logs, schema, jvmOptions)) {
            long launched = System.nanoTime();
            sut.launch();
            sut.awaitReady(Duration.ofSeconds(180));
            double readySeconds = (System.nanoTime() - launched) / 1e9;
            List<URI> front = sut.webhookUris();
            LoadGenerator.Result coldRun = load.run(front, cold, launched, 0, Duration.ofSeconds(coldSeconds));
            LoadGenerator.Result warmupRun = load.run(front, warmup, launched, 0, Duration.ofSeconds(warmupSeconds));
            Map<String, Double> quiet = sut.pidsByRole().isEmpty() || quietSeconds <= 0 ? Map.of()
                    : HopCpu.quietCores(sut.pidsByRole(), Duration.ofSeconds(quietSeconds));
            HopCpu cpu = HopCpu.from(sut.pidsByRole());
            LoadGenerator.Result warmRun = load.run(front, warm, launched, rate, Duration.ofSeconds(600));
            Map<String, Double> cpuPerWebhook = cpu.microsPerWebhook(warmRun.accepted());
            Set<String> accepted = new HashSet<>(coldRun.acceptedKeys());
            accepted.addAll(warmupRun.acceptedKeys());
            accepted.addAll(warmRun.acceptedKeys());
            OrderCount.Outcome outcome = sut.orders().settle(accepted, Duration.ofSeconds(120));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ready_s", round(readySeconds));
            row.put("cold_rps", round(coldRun.acceptedPerSecondMean()));
            row.put("rps", round(warmRun.acceptedPerSecondMean()));
            row.put("p50_ms", round(warmRun.latencyMicros().getValueAtPercentile(50) / 1000.0));
            row.put("p99_ms", round(warmRun.latencyMicros().getValueAtPercentile(99) / 1000.0));
            row.put("queued202", coldRun.queued202() + warmupRun.queued202() + warmRun.queued202());
            row.put("rejected", coldRun.rejected() + warmupRun.rejected() + warmRun.rejected());
            row.put("failed", coldRun.failed() + warmupRun.failed() + warmRun.failed());
            row.put("settle_s", round(outcome.settleSeconds()));
            row.put("duplicates_leaked", outcome.duplicated());
            row.put("lost", outcome.lost());
            row.put("statuses", warmRun.statuses());
            row.put("curve", coldRun.acceptedPerSecond());
            if (!cpuPerWebhook.isEmpty()) {
                row.put("cpu_us_per_webhook", cpuPerWebhook);
                if (!quiet.isEmpty()) {
                    row.put("quiet_cores", quiet);
                    row.put("cpu_us_per_webhook_marginal", HopCpu.marginal(cpuPerWebhook, quiet, warmRun.seconds(), warmRun.accepted()));
                }
            }
            Map<String, Object> layout = sut.layoutAfterLoad();
            if (!layout.isEmpty()) {
                row.put("layout", layout);
            }
            return row;
        }
    }

    private static String summary(String system, Map<String, Object> row) {
        return String.format(Locale.ROOT, "%-12s round %s: ready %.1f s, cold %.0f req/s, warm %.0f req/s, p50 %.1f ms, p99 %.1f ms, "
                        + "settled %.1f s after, leaked %s, lost %s, 202s %s, failed %s",
                system, row.get("round"), row.get("ready_s"), row.get("cold_rps"), row.get("rps"), row.get("p50_ms"),
                row.get("p99_ms"), row.get("settle_s"), row.get("duplicates_leaked"), row.get("lost"), row.get("queued202"), row.get("failed"))
                + (row.containsKey("cpu_us_per_webhook") ? ", CPU us/webhook " + row.get("cpu_us_per_webhook") : "")
                + (row.containsKey("quiet_cores") ? ", quiet cores " + row.get("quiet_cores") + ", marginal us/webhook "
                        + row.get("cpu_us_per_webhook_marginal") : "")
                + (row.containsKey("layout") ? "\n             layout " + row.get("layout") : "");
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
