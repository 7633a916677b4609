package dev.webhookgate.bench.e2e;

import java.io.File;
import java.io.IOException;
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

/** Child processes of a system under test: started with their own env and log file, stopped with SIGTERM. */
final class Processes implements AutoCloseable {

    private final List<Process> running = new ArrayList<>();
    private final Map<String, List<Long>> pidsByRole = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        running.add(process);
        return process;
    }

    /** As {@link #start(List, Map, Path)}, the process counted under {@code role} for CPU per hop. */
    Process start(String role, List<String> command, Map<String, String> env, Path log) throws IOException {
        Process process = start(command, env, log);
        pidsByRole.computeIfAbsent(role, r -> new ArrayList<>()).add(process.pid());
        return process;
    }

    List<Long> pids() {
        return running.stream().map(Process::pid).toList();
    }

    /** Pids of the processes started with a role; a process started without one is in none. */
    Map<String, List<Long>> pidsByRole() {
        Map<String, List<Long>> copy = new LinkedHashMap<>();
        pidsByRole.forEach((role, pids) -> copy.put(role, List.copyOf(pids)));
        return copy;
    }

    /** Waits until something listens on 127.0.0.1:{@code port} (a broker has no readiness route). */
    static void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listening on " + port + " within " + timeout);
    }

    /** Polls {@code url} until it answers 200; fails early when a process died. */
    void awaitOk(URI url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : running) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a process of the system under test exited with " + p.exitValue()
                            + " before " + url + " was ready (see its log)");
                }
            }
            try {
                if (http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(url + " not ready within " + timeout);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classpath(Path jar) {
        return jar + File.pathSeparator + jar.resolveSibling("lib") + File.separator + "*";
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            Process p = running.get(i);
            p.destroy();
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
        pidsByRole.clear();
    }
}
