package dev.webhookgate.bench.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the box's CPUs went during a measurement, from /proc: CPU time per role (server under test,
 * dedup-streams, broker, this JVM with the wrk runs it reaped, anything else) and the machine's total.
 */
final class CpuMeter {

    /** Clock ticks per second of /proc's utime/stime; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Sample(Map<String, Long> ticksByRole, long machineBusy, long machineAll) {
    }

    private CpuMeter() {
    }

    static Sample sample() {
        Map<String, Long> byRole = new TreeMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long pid = Long.parseLong(proc.getFileName().toString());
                long[] ticks = ticks(proc);
                if (ticks == null) {
                    continue;
                }
                // this JVM's reaped children are the wrk runs (and servers already stopped, which do not move in a window)
                long used = pid == self ? ticks[0] + ticks[1] + ticks[2] + ticks[3] : ticks[0] + ticks[1];
                byRole.merge(role(pid == self, proc), used, Long::sum);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: " + e.getMessage(), e);
        }
        long[] machine = machine();
        return new Sample(byRole, machine[0], machine[1]);
    }

    /** One line: the machine's busy share and CPU milliseconds per request by role. */
    static String report(Sample before, Sample after, double seconds, long requests) {
        double all = after.machineAll - before.machineAll;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   cpu: machine %.0f%% busy;",
                all <= 0 ? 0 : 100.0 * (after.machineBusy - before.machineBusy) / all));
        Map<String, Long> used = new LinkedHashMap<>();
        after.ticksByRole.forEach((role, ticks) -> used.put(role, ticks - before.ticksByRole.getOrDefault(role, ticks)));
        used.forEach((role, ticks) -> line.append(String.format(Locale.ROOT, " %s %.2f cores (%.0f us/request);", role,
                ticks / TICKS_PER_SECOND / seconds, requests == 0 ? 0 : ticks / TICKS_PER_SECOND * 1e6 / requests)));
        return line.toString();
    }

    private static String role(boolean self, Path proc) {
        if (self) {
            return "bench+wrk";
        }
        String cmdline;
        try {
            cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return "other";
        }
        if (cmdline.contains("dev.webhookgate.dedup.DedupMain")) {
            return "dedup-streams";
        }
        if (cmdline.contains("kafka.Kafka")) {
            return "broker";
        }
        if (cmdline.contains("dev.webhookgate.ingest.IngestMain") || cmdline.contains("dev.webhookgate.bench.ingest.")) {
            return "server";
        }
        return "other";
    }

    /** utime, stime, cutime, cstime; null if the process is gone. */
    private static long[] ticks(Path proc) {
        String stat;
        try {
            stat = Files.readString(proc.resolve("stat"));
        } catch (IOException gone) {
            return null;
        }
        // fields after the ")" that closes the command name: state is field 3, utime field 14
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]), Long.parseLong(fields[14])};
    }

    /** Busy and total ticks of all CPUs, from the first line of /proc/stat. */
    private static long[] machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat: " + e.getMessage(), e);
        }
    }
}
