package dev.webhookgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.http.OpenApiDocument;
import dev.webhookgate.http.Route;
import dev.webhookgate.runtime.config.Env;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each service's {@code /openapi.json}, as it serves it, against the routes its router really registers: no route
 * without a document entry and no entry without a route, on all four HTTP services of the stack.
 */
class OpenApiDriftTest {

    private static final String OPS = "ops-" + UUID.randomUUID();

    @Test
    void everyServedDocumentListsExactlyTheRoutesItsServiceRegisters() throws Exception {
        Path dir = Files.createTempDirectory("openapi-drift-");
        String run = "oa" + UUID.randomUUID().toString().substring(0, 8);
        Env env = new Env(Map.of("DATA_DIR", dir.toString(), "KAFKA_PORT", "0", "INGEST_PORT", "0", "DEDUP_PORT", "0",
                "ORDERS_PORT", "0", "CONSOLE_PORT", "0", "TOPIC_PREFIX", run, "APPLICATION_ID", run + "-dedup", "OPS_TOKEN", OPS));
        HttpClient http = HttpClient.newHttpClient();
        try (LocalStack stack = LocalStack.start(LocalStackOptions.parse(new String[0], env)).awaitReady()) {
            assertThat(stack.httpServices()).hasSize(4);
            for (LocalStack.HttpService service : stack.httpServices()) {
                HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                        + OpenApiDocument.PATH)).header("Authorization", "Bearer " + OPS).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(served.statusCode()).as(service.name()).isEqualTo(200);
                var doc = ContractJson.tree(served.body());
                assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
                List<Route> documented = new ArrayList<>();
                doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                        documented.add(new Route(method.toUpperCase(java.util.Locale.ROOT), path.getKey()))));
                assertThat(documented).as(service.name() + ": documented routes vs registered routes")
                        .containsExactlyInAnyOrderElementsOf(service.routes());
            }
        } finally {
            dev.webhookgate.fixture.Directories.deleteRecursively(dir);
        }
    }
}
