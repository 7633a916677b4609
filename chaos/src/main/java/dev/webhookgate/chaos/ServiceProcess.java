package dev.webhookgate.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service as deployed: {@code java -jar <module>/target/<module>.jar} in its own process with its own
 * environment, its output appended to a log file nobody reads for the verdict. Keeps its port across
 * restarts, so clients find it again where they left it.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final String heap;
    private final List<String> jvmOptions;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    /** @param jvmOptions further JVM options, after the heap and the collector ({@link ChaosContext#jvmOptions()}) */
    ServiceProcess(String name, Path jar, String heap, List<String> jvmOptions, int port, Map<String, String> env, Path log) {
        this.name = name;
        this.jar = jar;
        this.heap = heap;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.port = port;
        this.env = new LinkedHashMap<>(env);
        this.log = log;
    }

    /** The same service (jar, port, data directory, log) with some variables changed; this one must be stopped first. */
    ServiceProcess withEnv(Map<String, String> overrides) {
        Map<String, String> changed = new LinkedHashMap<>(env);
        changed.putAll(overrides);
        return new ServiceProcess(name, jar, heap, jvmOptions, port, changed, log);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        return this;
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye to the group or the broker. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
            process = null;
        }
    }

    /** SIGTERM: the service's own orderly shutdown. */
    synchronized void stop() {
        if (process != null) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(40))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
            process = null;
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Until {@code GET /health/ready} answers 200; fails at once if the process died. */
    void awaitReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (process == null || !process.isAlive()) {
                    throw new IllegalStateException(name + " is not running (exit " + (process == null ? "-" : process.exitValue())
                            + "); see " + log);
                }
            }
            if (ready()) {
                return;
            }
            Pause.millis(250);
        }
        throw new IllegalStateException(name + " not ready within " + within + "; see " + log);
    }

    boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(url("/health/ready")).timeout(Duration.ofSeconds(3)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean waitFor(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
