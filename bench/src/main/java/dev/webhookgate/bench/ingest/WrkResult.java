package dev.webhookgate.bench.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures we report from one wrk run: requests per second, p50 and p99 latency, non-2xx answers. */
record WrkResult(double requestsPerSecond, double p50Millis, double p99Millis, long non2xx, long socketErrors) {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P50 = Pattern.compile("\\n\\s+50%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern P99 = Pattern.compile("\\n\\s+99%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    static WrkResult parse(String output) {
        long socket = 0;
        Matcher errors = SOCKET.matcher(output);
        if (errors.find()) {
            for (int i = 1; i <= 4; i++) {
                socket += Long.parseLong(errors.group(i));
            }
        }
        Matcher non2xx = NON_2XX.matcher(output);
        return new WrkResult(number(RPS, output), millis(P50, output), millis(P99, output),
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, socket);
    }

    private static double number(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk output without " + pattern + ":\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk output without latency distribution (run with --latency):\n" + output);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
