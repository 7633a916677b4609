package dev.webhookgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookgate.fixture.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus on a free port, run on a copy of deploy/prometheus as docker-compose.yml's prometheus
 * service runs it: the same prometheus.yml and alerts.yml, with {@code ops-token} written beside them and
 * {@code targets/*.yml} naming where this machine's services listen. One thing differs: the copy scrapes every
 * {@link #SCRAPE_INTERVAL} instead of 15 s, since every wait of the tests is a scrape or two.
 */
final class PrometheusProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SCRAPE_INTERVAL = "2s";
    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** @param targets job name to {@code host:port} of its one instance */
    static PrometheusProcess start(Path workDir, String opsToken, Map<String, String> targets) throws IOException {
        Path binary = ExternalTool.PROMETHEUS.require();
        Path config = workDir.resolve("config");
        copyTree(RepoFiles.file("deploy/prometheus"), config);
        Path prometheusYml = config.resolve("prometheus.yml");
        String deployed = Files.readString(prometheusYml);
        String faster = deployed.replaceFirst("(?m)^(  scrape_interval:) 15s$", "$1 " + SCRAPE_INTERVAL);
        if (faster.equals(deployed)) {
            throw new IllegalStateException("deploy/prometheus/prometheus.yml no longer sets a global scrape_interval of 15s");
        }
        Files.writeString(prometheusYml, faster);
        Files.writeString(config.resolve("ops-token"), opsToken);
        for (Map.Entry<String, String> target : targets.entrySet()) {
            Files.writeString(config.resolve("targets").resolve(target.getKey() + ".yml"),
                    "- targets: [\"" + target.getValue() + "\"]\n");
        }
        int port = FreePorts.next();
        Process process = new ProcessBuilder(List.of(binary.toString(),
                "--config.file=" + config.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();
        return new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code GET /api/v1/<path>}; the JSON answer whatever its status, or null while Prometheus is not up. */
    JsonNode api(String path, Map<String, String> params) {
        StringBuilder uri = new StringBuilder(base + "/api/v1/" + path);
        String separator = "?";
        for (Map.Entry<String, String> param : params.entrySet()) {
            uri.append(separator).append(param.getKey()).append('=').append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri.toString()))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode query(String promql) {
        return api("query", Map.of("query", promql));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
