package dev.webhookgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.orders.OrdersConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, the Dockerfile, .env.example and deploy/compose/cluster.env read against the code and the
 * images they name: every variable a service is given is one it reads (docs/configuration.md, itself checked
 * against the code by ConfigurationReferenceTest), ports and health checks are the services' own, and the
 * apache/kafka and postgres images are configured the way their own scripts expect.
 */
class DeployFilesTest {

    /** Where each service listens when no *_PORT variable is set: what the compose file and its health checks must use. */
    static final Map<String, Integer> SERVICE_PORTS = Map.of(
            "ingest-api", IngestConfig.from(new Env(Map.of())).port(),
            "dedup-streams", DedupConfig.from(new Env(Map.of())).port(),
            "order-consumer", OrdersConfig.from(new Env(Map.of())).port());
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?+][^}]*)?}");

    private final JsonNode compose = RepoFiles.yaml("docker-compose.yml");
    private final JsonNode services = compose.path("services");

    @Test
    void everyPartOfTheProductIsThere() {
        assertThat(fieldNames(services)).contains("kafka", "postgres", "provision", "ingest-api", "dedup-streams", "order-consumer",
                "prometheus", "kafka-2", "kafka-3");
        for (String module : SERVICE_PORTS.keySet()) {
            assertThat(services.path(module).path("build").path("args").path("MODULE").asText()).as("%s builds its module", module)
                    .isEqualTo(module);
        }
        assertThat(List.of(services.path("kafka-2").path("profiles").path(0).asText(), services.path("kafka-3").path("profiles").path(0).asText()))
                .containsOnly("cluster");
    }

    @Test
    void everyVariableAServiceIsGivenIsOneItReads() {
        ConfigurationTable table = ConfigurationTable.read();
        List<String> problems = new ArrayList<>();
        for (String module : SERVICE_PORTS.keySet()) {
            for (String variable : fieldNames(services.path(module).path("environment"))) {
                String row = table.rowFor(variable).orElse(null);
                if (row == null || !table.readers(row).contains(module)) {
                    problems.add(module + " is given " + variable + ", which " + ConfigurationTable.FILE + " does not list as read by " + module);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void portsHealthChecksAndUrlsAreTheServicesOwn() {
        for (Map.Entry<String, Integer> service : SERVICE_PORTS.entrySet()) {
            JsonNode node = services.path(service.getKey());
            int port = service.getValue();
            assertThat(node.path("ports").path(0).asText()).as("%s publishes its port", service.getKey()).isEqualTo(port + ":" + port);
            JsonNode test = node.path("healthcheck").path("test");
            // /dev/tcp is a bash feature; CMD-SHELL would run it under the JRE image's /bin/sh (dash), where it always fails
            assertThat(test.path(0).asText() + " " + test.path(1).asText()).as("%s health check runs bash", service.getKey()).isEqualTo("CMD bash");
            assertThat(test.path(3).asText()).as("%s health check", service.getKey())
                    .contains("/dev/tcp/127.0.0.1/" + port + " ").contains("GET " + MonitoringOnLocalStackTest.HEALTH_PATH + " ");
        }
        String dedup = "http://dedup-streams:" + SERVICE_PORTS.get("dedup-streams");
        assertThat(services.path("ingest-api").path("environment").path("DEDUP_URL").asText()).isEqualTo(dedup);
        assertThat(services.path("dedup-streams").path("environment").path("DEDUP_ADVERTISED_URL").asText()).isEqualTo(dedup);
        for (String module : SERVICE_PORTS.keySet()) {
            String target = RepoFiles.read("deploy/prometheus/targets/" + module + ".yml");
            assertThat(target).as("Prometheus' target for %s", module).contains("\"" + module + ":" + SERVICE_PORTS.get(module) + "\"");
        }
    }

    @Test
    void tokensAreSetWhereTheAccessModelNeedsThem() {
        for (String module : SERVICE_PORTS.keySet()) {
            assertThat(services.path(module).path("environment").path("OPS_TOKEN").asText()).as("%s OPS_TOKEN", module).startsWith("${OPS_TOKEN:?");
        }
        for (String module : List.of("ingest-api", "dedup-streams")) {
            assertThat(services.path(module).path("environment").path("INTERNAL_TOKEN").asText()).as("%s INTERNAL_TOKEN", module)
                    .startsWith("${INTERNAL_TOKEN:?");
        }
        assertThat(services.path("prometheus").path("environment").path("OPS_TOKEN").asText()).startsWith("${OPS_TOKEN:?");
    }

    @Test
    void kafkaKeepsItsLogOnItsVolumeUnderOneClusterId() {
        Set<String> clusterIds = new HashSet<>();
        Set<String> nodeIds = new HashSet<>();
        for (String broker : List.of("kafka", "kafka-2", "kafka-3")) {
            JsonNode node = services.path(broker);
            JsonNode env = node.path("environment");
            // the image's own default is /tmp/kraft-combined-logs (its configureDefaults script), off any volume
            String logDirs = env.path("KAFKA_LOG_DIRS").asText();
            assertThat(node.path("volumes").path(0).asText()).as("%s volume", broker).endsWith(":" + logDirs);
            assertThat(logDirs).isEqualTo("/var/lib/kafka/data"); // the image's declared VOLUME, owned by its user appuser
            clusterIds.add(env.path("CLUSTER_ID").asText());
            nodeIds.add(env.path("KAFKA_NODE_ID").asText());
            assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).isEqualTo("PLAINTEXT://" + broker + ":9092");
            assertThat(node.path("healthcheck").path("test").path(1).asText()).startsWith("/opt/kafka/bin/kafka-broker-api-versions.sh");
            assertThat(env.path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
        }
        assertThat(clusterIds).hasSize(1).allSatisfy(id -> assertThat(id).doesNotContain("${KAFKA_CLUSTER_ID}"));
        assertThat(nodeIds).containsExactlyInAnyOrder("1", "2", "3");

        Map<String, String> cluster = envFile("deploy/compose/cluster.env");
        assertThat(cluster).containsEntry("COMPOSE_PROFILES", "cluster").containsEntry("KAFKA_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_QUORUM_VOTERS", "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093");
        assertThat(Integer.parseInt(cluster.get("KAFKA_MIN_INSYNC_REPLICAS"))).isEqualTo(2);
    }

    @Test
    void postgresKeepsItsDataOnItsVolumeAndIsCheckedOverTcp() {
        JsonNode postgres = services.path("postgres");
        assertThat(postgres.path("volumes").path(0).asText()).endsWith(":/var/lib/postgresql/data"); // PGDATA of the 15 image
        assertThat(postgres.path("healthcheck").path("test").path(1).asText()).contains("pg_isready -h 127.0.0.1");
        JsonNode orders = services.path("order-consumer").path("environment");
        assertThat(orders.path("LEDGER_JDBC_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.path("environment").path("POSTGRES_DB").asText());
        assertThat(orders.path("LEDGER_JDBC_USER").asText()).isEqualTo(postgres.path("environment").path("POSTGRES_USER").asText());
    }

    @Test
    void envExampleHoldsEveryRequiredVariableAndNothingComposeDoesNotUse() {
        String file = RepoFiles.read("docker-compose.yml");
        Set<String> interpolated = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        Matcher m = INTERPOLATION.matcher(file);
        while (m.find()) {
            interpolated.add(m.group(1));
            if (m.group().contains(":?")) {
                required.add(m.group(1));
            }
        }
        Map<String, String> example = envFile(".env.example");
        assertThat(example.keySet()).containsAll(required);
        Set<String> unused = new TreeSet<>(example.keySet());
        unused.removeAll(interpolated);
        unused.remove("COMPOSE_PROJECT_NAME");
        assertThat(unused).as(".env.example variables docker-compose.yml never reads").isEmpty();
        assertThat(interpolated).containsAll(envFile("deploy/compose/cluster.env").keySet().stream()
                .filter(k -> !k.equals("COMPOSE_PROFILES")).toList());
    }

    @Test
    void dockerfileRunsAPinnedJreAsANonRootUserAndSetsNoVariableAServiceDoesNotRead() {
        String dockerfile = RepoFiles.read("Dockerfile");
        List<String> froms = new ArrayList<>();
        for (String line : dockerfile.split("\n")) {
            if (line.startsWith("FROM ")) {
                froms.add(line.split("\\s+")[1]);
            }
            assertThat(line).as("the Dockerfile serves three modules; variables belong to each service's compose entry").doesNotStartWith("ENV ");
        }
        assertThat(froms).hasSize(2).allSatisfy(image -> assertThat(image).matches(".+:\\d+\\.\\d+\\.\\d+.*"));
        assertThat(froms.get(1)).startsWith("eclipse-temurin:17.").contains("-jre");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(dockerfile).contains("--uid 10001");
    }

    @Test
    void composeFileIsValidForComposeItself() throws Exception {
        ExternalTool.Run run = ExternalTool.DOCKER_COMPOSE.run(RepoFiles.root(), "--env-file", ".env.example", "config", "-q");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        Path cluster = Files.createTempFile("cluster", ".env");
        try {
            Files.writeString(cluster, RepoFiles.read(".env.example") + "\n" + RepoFiles.read("deploy/compose/cluster.env"));
            ExternalTool.Run clusterRun = ExternalTool.DOCKER_COMPOSE.run(RepoFiles.root(), "--env-file", cluster.toString(), "--profile", "cluster",
                    "config", "--services");
            assertThat(clusterRun.exitCode()).as(clusterRun.describe()).isZero();
            assertThat(clusterRun.output()).contains("kafka-2", "kafka-3");
        } finally {
            Files.delete(cluster);
        }
    }

    static Map<String, String> envFile(String relative) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : RepoFiles.read(relative).split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int eq = trimmed.indexOf('=');
                vars.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return vars;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
