package dev.webhookgate.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU seconds a set of processes has used so far (user + system, from /proc), children included once reaped. */
final class ProcessCpu {

    /** Clock ticks per second of /proc's utime/stime; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    static double seconds(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                // fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException gone) {
                // a process that exited counts nothing more
            }
        }
        return ticks / TICKS_PER_SECOND;
    }
}
