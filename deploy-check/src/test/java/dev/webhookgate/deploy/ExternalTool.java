package dev.webhookgate.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from the machine (promtool, prometheus) that a test needs. Missing, the test fails under
 * {@code CI=true} (.ci/run installs it) and is reported as skipped elsewhere, never passed silently.
 */
record ExternalTool(String name, String installHint) {

    static final ExternalTool PROMTOOL = new ExternalTool("promtool", "apt-get install -y prometheus");
    static final ExternalTool PROMETHEUS = new ExternalTool("prometheus", "apt-get install -y prometheus");
    /** Debian's Compose 1.29; it reads the same file as the docker compose plugin, without the top-level name. */
    static final ExternalTool DOCKER_COMPOSE = new ExternalTool("docker-compose", "apt-get install -y docker-compose");

    Path require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String why = name + " is not on PATH (" + installHint + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true but " + why + ": .ci/run installs it");
            }
            Assumptions.abort(why);
        }
        return found.get();
    }

    private Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(":"))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Runs it to completion in {@code dir}; the result carries exit code and combined output. */
    Run run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 2 minutes");
        }
        return new Run(String.join(" ", command), process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    record Run(String command, int exitCode, String output) {
        String describe() {
            return command + " exited " + exitCode + ":\n" + output;
        }
    }
}
