package dev.webhookgate.chaos;

import dev.webhookgate.fixture.ChildJvm;
import dev.webhookgate.fixture.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/chaos [--quick] [--scenario N[,N...]] [--keep]}: runs the fault scenarios one after another,
 * prints each one's figures and problems, then {@code N passed, N failed}; exits 1 if any failed.
 * {@code bin/chaos --recovery ...} measures crash recovery instead (see {@link RecoveryMeasurement}).
 */
public final class ChaosMain {

    private static final List<Scenario> ALL = List.of(
            new SingleBrokerFaults(), new ClusterFaults(), new StandbyFailover(), new TtlExpiry(), new UnconfirmedWindow());
    /** --quick: the single-broker kills, the TTL and the 503 window; the cluster and the standby take the full run. */
    private static final List<Integer> QUICK = List.of(1, 4, 5);

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        // Ctrl-C or a CI timeout must not leave brokers and services behind: they are this JVM's children only.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        List<String> argList = List.of(args);
        if (argList.contains("--recovery")) {
            System.exit(RecoveryMeasurement.run(argList));
        }
        boolean quick = argList.contains("--quick");
        boolean keep = argList.contains("--keep");
        List<Integer> chosen = quick ? QUICK : List.of(1, 2, 3, 4, 5);
        int at = argList.indexOf("--scenario");
        if (at >= 0 && at + 1 < argList.size()) {
            chosen = List.of(argList.get(at + 1).split(",")).stream().map(String::trim).map(Integer::parseInt).toList();
        }
        Path repo = Path.of(System.getProperty("chaos.repo", ".")).toAbsolutePath().normalize();
        Path runDir = Files.createTempDirectory("chaos-");
        Map<String, String> env = System.getenv();
        if (quick) {
            System.setProperty(ChildJvm.OPTIONS_PROPERTY, String.join(" ", ChaosContext.QUICK_JVM_OPTIONS));
        }
        ChaosContext ctx = new ChaosContext(repo, runDir, quick,
                env.getOrDefault("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:55432/ledger_test"),
                env.getOrDefault("TEST_POSTGRES_USER", "ledger"),
                env.getOrDefault("TEST_POSTGRES_PASSWORD", "ledger"));
        System.out.println("chaos " + (quick ? "--quick" : "full run") + " at " + Instant.now() + ", data and logs in " + runDir);
        int passed = 0;
        int failed = 0;
        List<String> failures = new ArrayList<>();
        for (int number : chosen) {
            Scenario scenario = ALL.get(number - 1);
            System.out.println("scenario " + scenario.name());
            long start = System.nanoTime();
            Scenario.Result result;
            try {
                result = scenario.run(ctx);
            } catch (RuntimeException e) {
                result = new Scenario.Result(null, new ArrayList<>(List.of("aborted: " + e)), new ArrayList<>());
                e.printStackTrace(System.out);
            }
            if (result.figures() != null) {
                System.out.println("  " + result.figures().line());
            }
            result.notes().forEach(n -> System.out.println("  " + n));
            result.problems().stream().limit(20).forEach(p -> System.out.println("  PROBLEM " + p));
            if (result.problems().size() > 20) {
                System.out.println("  ... and " + (result.problems().size() - 20) + " more problems");
            }
            System.out.printf(Locale.ROOT, "  %s in %.0f s%n", result.passed() ? "PASSED" : "FAILED", (System.nanoTime() - start) / 1e9);
            if (result.passed()) {
                passed++;
            } else {
                failed++;
                failures.add(scenario.name());
            }
        }
        ctx.close();
        if (failed == 0 && !keep) {
            Directories.deleteRecursively(runDir);
        } else {
            System.out.println("logs kept in " + runDir + (failures.isEmpty() ? "" : " (failed: " + String.join(", ", failures) + ")"));
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
