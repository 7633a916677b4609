package dev.webhookgate.bench.ingest;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.FreePorts;
import dev.webhookgate.fixture.KafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Ingest throughput against its baselines, in one run on one box: a real broker (own process), dedup-streams
 * (own JVM), and each server variant in its own JVM under {@code wrk -t2 -c64} with unique keys.
 *
 * <p>Run (after {@code mvn -B -o -q -pl bench install -DskipTests}):
 * {@code java -cp "bench/target/bench.jar:bench/target/lib/*" dev.webhookgate.bench.ingest.IngestBench}
 * Env: BENCH_WARMUP_S (25), BENCH_DURATION_S (30), BENCH_CONNECTIONS (64), BENCH_VARIANTS (any of
 * bare,send,send-consumed,narrow,wide,ingest; bare,send,narrow,ingest by default), BENCH_JFR_DIR (record JFR profiles of dedup-streams and the
 * ingest variants there, with BENCH_JFR_SETTINGS, default {@code profile}, e.g. a copy with a 1 ms sampling period), BENCH_BEFORE_JARS (jars of another build, colon-separated, e.g. older dedup-streams and
 * ingest-api jars: dedup-streams and the shipped ingest run again with them first on the classpath, same run, for a
 * before/after).
 */
public final class IngestBench {

    private static final int PARTITIONS = 3;
    private static final Path JVM_LOG = Path.of(System.getProperty("java.io.tmpdir"), "ingest-bench-jvms.log");

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = intEnv("BENCH_WARMUP_S", 25);
        int duration = intEnv("BENCH_DURATION_S", 30);
        int connections = intEnv("BENCH_CONNECTIONS", 64);
        String jfrDir = System.getenv("BENCH_JFR_DIR");
        List<String> wanted = List.of(System.getenv().getOrDefault("BENCH_VARIANTS", "bare,send,narrow,ingest").split(","));
        Path script = Files.createTempFile("unique-keys", ".lua");
        try (InputStream in = IngestBench.class.getResourceAsStream("/bench/ingest/unique-keys.lua")) {
            Files.write(script, in.readAllBytes());
        }
        Path dataDir = Files.createTempDirectory("ingest-bench-");
        Files.deleteIfExists(JVM_LOG);
        Map<String, WrkResult> results = new LinkedHashMap<>();
        Map<String, Long> threads = new LinkedHashMap<>();
        try (KafkaBroker broker = KafkaBroker.create(BrokerMode.SEPARATE_PROCESS).start()) {
            Topics topics = createTopics(broker, "bench");
            // send-only writes to topics nobody reads: dedup-streams must not spend the ingest runs chewing on its records
            Topics sendOnlyTopics = createTopics(broker, "sendonly");
            Dedup dedup = startDedup(broker, topics, dataDir.resolve("dedup"), null, jfr(jfrDir, "dedup"));
            try {
                Map<String, String> ingestEnv = merge(kafkaEnv(broker, topics), Map.of("DEDUP_URL", dedupUrl(dedup)));
                if (wanted.contains("bare")) {
                    results.put("bare Javalin", run("dev.webhookgate.bench.ingest.BareJavalinServer", Map.of(), null, script, warmup,
                            duration, connections, 0, threads, "bare Javalin"));
                }
                if (wanted.contains("send")) {
                    results.put("send-only (Javalin + Kafka send)", run("dev.webhookgate.bench.ingest.SendOnlyServer",
                            kafkaEnv(broker, sendOnlyTopics), null, script,
                            warmup, duration, connections, 0, threads, "send-only (Javalin + Kafka send)"));
                }
                if (wanted.contains("send-consumed")) {
                    // The same send-only server, but into the inbound topic dedup-streams reads: the box then carries
                    // the deduplication work a deployed system always does, and the ratio isolates what waiting for
                    // the verdict costs.
                    results.put("send-only into inbound, dedup-streams consuming", run("dev.webhookgate.bench.ingest.SendOnlyServer",
                            kafkaEnv(broker, topics), jfr(jfrDir, "send-consumed"), script,
                            warmup, duration, connections, 0, threads, "send-only into inbound, dedup-streams consuming"));
                }
                for (VerdictVariant variant : VERDICT_VARIANTS) {
                    if (wanted.contains(variant.name())) {
                        results.put(variant.label(), run("dev.webhookgate.bench.ingest.VerdictVariantServer",
                                merge(ingestEnv, Map.of("BENCH_VERDICTS", variant.verdicts())), jfr(jfrDir, "ingest-" + variant.name()),
                                script, warmup, duration, connections, 0, threads, variant.label()));
                    }
                }
                if (wanted.contains("ingest")) {
                    shipped("", ingestEnv, null, jfr(jfrDir, "ingest-batched"), script, warmup, duration, connections, results, threads);
                }
            } finally {
                stop(dedup.process());
            }
            String beforeJars = System.getenv("BENCH_BEFORE_JARS");
            if (beforeJars != null && !beforeJars.isBlank()) {
                // Dedup-streams and the shipped ingest again, with another build's jars first on the classpath: a
                // before/after in the same run, on fresh topics and state.
                Topics beforeTopics = createTopics(broker, "before");
                Dedup before = startDedup(broker, beforeTopics, dataDir.resolve("dedup-before"), beforeJars, null);
                try {
                    shipped(" (before: " + beforeJars.replaceAll("[^:]*/", "") + ")", merge(kafkaEnv(broker, beforeTopics),
                                    Map.of("DEDUP_URL", dedupUrl(before))), beforeJars,
                            null, script, warmup, duration, connections, results, threads);
                } finally {
                    stop(before.process());
                }
            }
        } finally {
            deleteRecursively(dataDir);
            Files.deleteIfExists(script);
        }
        System.out.println();
        System.out.println("| variant | req/s | p50 ms | p99 ms | non-2xx | socket errors | JVM threads after |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        results.forEach((name, r) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d | %d | %s |%n", name,
                r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.non2xx(), r.socketErrors(),
                threads.getOrDefault(name, -1L)));
        double ingest = rps(results, "ingest (coalesced verdicts, as shipped)");
        double consumed = rps(results, "send-only into inbound, dedup-streams consuming");
        double sendOnly = rps(results, "send-only (Javalin + Kafka send)");
        dev.webhookgate.bench.BenchResults.write("ingest", Map.of("rps", ingest, "send_consumed_rps", consumed,
                "send_only_rps", sendOnly, "ratio", ingest / consumed, "ratio_send_only", ingest / sendOnly));
    }

    private static double rps(Map<String, WrkResult> results, String label) {
        WrkResult r = results.get(label);
        return r == null ? Double.NaN : r.requestsPerSecond();
    }

    private record Dedup(Process process, int port) {
    }

    /** The real ingest app with another verdict client ({@code BENCH_VERDICTS} of {@link VerdictVariantServer}). */
    private record VerdictVariant(String name, String verdicts, String label) {
    }

    private static final List<VerdictVariant> VERDICT_VARIANTS = List.of(
            new VerdictVariant("narrow", "batched:1", "ingest, coalesced, 1 batch in flight"),
            new VerdictVariant("wide", "batched:4", "ingest, coalesced, 4 batches in flight"));

    private static Dedup startDedup(KafkaBroker broker, Topics topics, Path dataDir, String jarFirst, String jfrFile) throws Exception {
        int port = FreePorts.next();
        Process process = jvm("dev.webhookgate.dedup.DedupMain", jfrFile, classpath(jarFirst), merge(kafkaEnv(broker, topics), Map.of(
                "APPLICATION_ID", "bench-dedup-" + UUID.randomUUID(), "DATA_DIR", dataDir.toString(),
                "DEDUP_PORT", String.valueOf(port), "TOPIC_PARTITIONS", String.valueOf(PARTITIONS),
                "TOPIC_REPLICATION_FACTOR", "1")));
        try {
            awaitHttp("http://127.0.0.1:" + port + "/health/ready", 200, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
        return new Dedup(process, port);
    }

    /** This JVM's classpath, with another build's jars first when given (they win over the same classes later on). */
    private static String classpath(String jarsFirst) {
        String own = System.getProperty("java.class.path");
        return jarsFirst == null ? own : jarsFirst + ":" + own;
    }

    private static String dedupUrl(Dedup dedup) {
        return "http://127.0.0.1:" + dedup.port();
    }

    private static Map<String, String> kafkaEnv(KafkaBroker broker, Topics topics) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "TOPIC_PREFIX", topics.prefix());
    }

    /** The shipped ingest at its peak, then at about half of that peak. */
    private static void shipped(String suffix, Map<String, String> ingestEnv, String jarsFirst, String jfrFile, Path script, int warmup, int duration,
                                int connections, Map<String, WrkResult> results, Map<String, Long> threads) throws Exception {
        String label = "ingest (coalesced verdicts, as shipped)" + suffix;
        WrkResult ingest = run("dev.webhookgate.ingest.IngestMain", ingestEnv, jarsFirst, jfrFile, script, warmup, duration,
                connections, 0, threads, label);
        results.put(label, ingest);
        // half of peak: each connection pauses so that all of them together offer about half the peak rate
        long delayMs = Math.max(1, Math.round(connections * 1000.0 / (ingest.requestsPerSecond() / 2) - ingest.p50Millis()));
        String half = "ingest at ~half of peak" + suffix + " (DELAY_MS=" + delayMs + ")";
        String halfJfr = jfrFile == null ? null : jfrFile.replace(".jfr", "-half.jfr");
        results.put(half, run("dev.webhookgate.ingest.IngestMain", ingestEnv, jarsFirst, halfJfr, script, 10, duration, connections,
                delayMs, threads, half));
    }

    private static String jfr(String dir, String name) {
        return dir == null ? null : dir + "/" + name + ".jfr";
    }

    private static Topics createTopics(KafkaBroker broker, String prefix) {
        return broker.createTopics(new Topics(prefix + UUID.randomUUID().toString().substring(0, 8)), PARTITIONS);
    }

    private static WrkResult run(String mainClass, Map<String, String> env, String jfrFile, Path script, int warmup, int duration,
                                 int connections, long delayMs, Map<String, Long> threads, String label) throws Exception {
        return run(mainClass, env, null, jfrFile, script, warmup, duration, connections, delayMs, threads, label);
    }

    private static WrkResult run(String mainClass, Map<String, String> env, String jarsFirst, String jfrFile, Path script, int warmup,
                                 int duration, int connections, long delayMs, Map<String, Long> threads, String label) throws Exception {
        int port = FreePorts.next();
        Process server = jvm(mainClass, jfrFile, classpath(jarsFirst), merge(env, Map.of("BENCH_PORT", String.valueOf(port), "INGEST_PORT", String.valueOf(port))));
        try {
            awaitHttp("http://127.0.0.1:" + port + "/api/v1/webhooks/none", -1, Duration.ofSeconds(60));
            String url = "http://127.0.0.1:" + port;
            System.out.println("== " + label + ": warm-up " + warmup + " s");
            wrk(url, script, warmup, connections, delayMs);
            System.out.println("== " + label + ": measuring " + duration + " s");
            CpuMeter.Sample cpuBefore = CpuMeter.sample();
            String output = wrk(url, script, duration, connections, delayMs);
            CpuMeter.Sample cpuAfter = CpuMeter.sample();
            System.out.println(output);
            WrkResult result = WrkResult.parse(output);
            System.out.println(CpuMeter.report(cpuBefore, cpuAfter, duration, Math.round(result.requestsPerSecond() * duration)));
            threads.put(label, threadCount(server));
            printIngestMetrics(url);
            return result;
        } finally {
            stop(server);
        }
    }

    private static String wrk(String url, Path script, int seconds, int connections, long delayMs) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), url).redirectErrorStream(true);
        builder.environment().put("DELAY_MS", String.valueOf(delayMs));
        Process wrk = builder.start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return output;
    }

    private static Process jvm(String mainClass, String jfrFile, String classpath, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseParallelGC"));
        if (jfrFile != null) {
            command.add("-XX:StartFlightRecording=filename=" + jfrFile + ",settings="
                    + System.getenv().getOrDefault("BENCH_JFR_SETTINGS", "profile"));
        }
        command.addAll(List.of("-cp", classpath, mainClass));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(JVM_LOG.toFile()));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static long threadCount(Process process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Long.parseLong(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("could not read the thread count of " + process.pid() + ": " + e);
        }
        return -1;
    }

    /** The ingest's own view of the run: answers by outcome (200 vs 202 matters) and verdict batch sizes. */
    private static void printIngestMetrics(String url) throws InterruptedException {
        try {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() == 200) {
                metrics.body().lines().filter(l -> l.startsWith("ingest_webhooks_total") || l.startsWith("ingest_verdict_batch_size"))
                        .forEach(l -> System.out.println("   metric " + l));
            }
        } catch (IOException e) {
            System.out.println("   (no metrics: " + e.getMessage() + ")");
        }
    }

    /** Waits until the URL answers; {@code status} -1 accepts any answer. */
    private static void awaitHttp(String url, int status, Duration atMost) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (status < 0 || response.statusCode() == status) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(url + " did not answer " + (status < 0 ? "" : status + " ") + "within " + atMost);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new LinkedHashMap<>(a);
        merged.putAll(b);
        return merged;
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
