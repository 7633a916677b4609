package dev.webhookgate.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a system costs when nobody sends anything, and how long it takes to become ready: each system is
 * launched fresh, timed from launch until every readiness route answers 200, left alone for
 * {@code settleSeconds} (start-up work such as JIT compilation and group joins is not idle cost), then its
 * processes' CPU seconds are counted over {@code idleSeconds}. Reported as cores (CPU seconds per second).
 *
 * <pre>
 * java -cp "bench/target/bench.jar:bench/target/lib/*" dev.webhookgate.bench.e2e.IdleAndStartupBench \
 *     systems=seed-style,local-stack,processes rounds=2 settleSeconds=60 idleSeconds=60 out=idle.json
 * </pre>
 */
public final class IdleAndStartupBench {

    private IdleAndStartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        List<String> systems = List.of(opts.getOrDefault("systems", "seed-style,local-stack,processes").split(","));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "1"));
        int settle = Integer.parseInt(opts.getOrDefault("settleSeconds", "60"));
        int idle = Integer.parseInt(opts.getOrDefault("idleSeconds", "60"));
        List<String> jvmOptions = opts.containsKey("jvm") ? List.of(opts.get("jvm").split(" ")) : List.of();
        Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path out = Path.of(opts.getOrDefault("out", "bench/results/idle.json"));
        Path logs = Files.createDirectories(Path.of(opts.getOrDefault("logs", "bench/results/logs")));
        Postgres pg = new Postgres(opts.getOrDefault("pgHost", "127.0.0.1"), Integer.parseInt(opts.getOrDefault("pgPort", "55432")),
                opts.getOrDefault("pgDatabase", "ledger_test"), opts.getOrDefault("pgUser", "ledger"), opts.getOrDefault("pgPassword", "ledger"));
        Map<String, List<Map<String, Object>>> bySystem = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String system : systems) {
                String schema = "idle_" + system.replace('-', '_') + "_r" + round;
                try (SystemUnderTest sut = Systems.of(system, root, pg, logs, schema, jvmOptions)) {
                    long launched = System.nanoTime();
                    sut.launch();
                    sut.awaitReady(Duration.ofSeconds(180));
                    double ready = (System.nanoTime() - launched) / 1e9;
                    Thread.sleep(settle * 1000L);
                    double before = ProcessCpu.seconds(sut.pids());
                    Thread.sleep(idle * 1000L);
                    double cores = (ProcessCpu.seconds(sut.pids()) - before) / idle;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("round", round);
                    row.put("ready_s", Math.round(ready * 10) / 10.0);
                    row.put("idle_cores", Math.round(cores * 1000) / 1000.0);
                    bySystem.computeIfAbsent(system, s -> new ArrayList<>()).add(row);
                    System.out.printf(Locale.ROOT, "%-12s round %d: ready %.1f s, idle %.3f cores%n", system, round, ready, cores);
                }
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), Map.of("systems", bySystem));
        System.out.println("wrote " + out);
    }
}
