package dev.webhookgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.http.OpenApiDocument;
import dev.webhookgate.runtime.config.Env;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real answers of each service's main routes, validated against the schema its own {@code /openapi.json} gives for
 * that route and status (JSON Schema 2020-12, the dialect of OpenAPI 3.1). {@link OpenApiDriftTest} proves the
 * documents list the right routes; this proves they describe what the routes really answer, errors included. A
 * status the document does not list for a route fails too.
 */
class OpenApiResponsesTest {

    private static final String OPS = "ops-" + UUID.randomUUID();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path dir;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("openapi-responses-");
        String run = "or" + UUID.randomUUID().toString().substring(0, 8);
        Env env = new Env(Map.of("DATA_DIR", dir.toString(), "KAFKA_PORT", "0", "INGEST_PORT", "0", "DEDUP_PORT", "0",
                "ORDERS_PORT", "0", "CONSOLE_PORT", "0", "TOPIC_PREFIX", run, "APPLICATION_ID", run + "-dedup", "OPS_TOKEN", OPS));
        stack = LocalStack.start(LocalStackOptions.parse(new String[0], env)).awaitReady();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        dev.webhookgate.fixture.Directories.deleteRecursively(dir);
    }

    @Test
    void theMainRoutesAnswerWhatTheirDocumentsDescribe() throws Exception {
        int ingest = stack.ingestPort();
        int dedup = stack.dedupPort();
        int orders = stack.ordersPort();
        int console = stack.consolePort();
        String key = "oa-" + UUID.randomUUID();
        String body = """
                {"From":"whatsapp:+9779800000000","Body":"order 10 apples"}""";

        // ingest: first delivery, its retry, a reused key, a bad key, the settings routes
        check(ingest, "POST", "/api/v1/whatsapp/webhook", "/api/v1/whatsapp/webhook", webhook(key, body), Set.of(200, 202));
        check(ingest, "POST", "/api/v1/webhooks/{provider}", "/api/v1/webhooks/whatsapp", webhook(key, body), Set.of(200));
        check(ingest, "POST", "/api/v1/webhooks/{provider}", "/api/v1/webhooks/whatsapp",
                webhook(key, body.replace("10", "11")), Set.of(422));
        check(ingest, "POST", "/api/v1/webhooks/{provider}", "/api/v1/webhooks/whatsapp", webhook("bad key", body), Set.of(400));
        check(ingest, "POST", "/api/v1/webhooks/{provider}", "/api/v1/webhooks/nope", webhook(key, body), Set.of(404));
        check(ingest, "GET", "/api/v1/idempotency/config", "/api/v1/idempotency/config", get(), Set.of(200));
        check(ingest, "GET", "/api/v1/whatsapp/test", "/api/v1/whatsapp/test", get(), Set.of(200));

        // dedup: the key just stored, one never seen, the stats, bad and missing tokens
        check(dedup, "GET", "/api/v1/idempotency/keys/{provider}/{key}", "/api/v1/idempotency/keys/whatsapp/" + key, ops(), Set.of(200));
        check(dedup, "GET", "/api/v1/idempotency/keys/{provider}/{key}", "/api/v1/idempotency/keys/whatsapp/never-seen", ops(), Set.of(404));
        check(dedup, "GET", "/api/v1/idempotency/stats", "/api/v1/idempotency/stats", ops(), Set.of(200));
        check(dedup, "GET", "/api/v1/idempotency/stats", "/api/v1/idempotency/stats", get(), Set.of(401));

        // order-consumer, once the order is written
        await().atMost(Duration.ofSeconds(60)).until(() -> send(orders, "/api/v1/orders", ops()).body().contains(key));
        check(orders, "GET", "/api/v1/orders", "/api/v1/orders", ops(), Set.of(200));
        check(orders, "GET", "/api/v1/orders", "/api/v1/orders?limit=many", ops(), Set.of(400));
        check(orders, "GET", "/api/v1/payments", "/api/v1/payments", ops(), Set.of(200));
        check(orders, "GET", "/api/v1/ledger/balance", "/api/v1/ledger/balance", ops(), Set.of(200));
        check(orders, "GET", "/api/v1/processed/{provider}/{key}", "/api/v1/processed/whatsapp/" + key, ops(), Set.of(200));
        check(orders, "GET", "/api/v1/processed/{provider}/{key}", "/api/v1/processed/whatsapp/never-seen", ops(), Set.of(404));
        check(orders, "GET", "/api/v1/dlq", "/api/v1/dlq", ops(), Set.of(200));

        // the console's own routes and one proxied route
        check(console, "GET", "/api/console/v1/session", "/api/console/v1/session", ops(), Set.of(200));
        check(console, "GET", "/api/console/v1/lag", "/api/console/v1/lag", ops(), Set.of(200));
        check(console, "GET", "/api/console/v1/duplicates", "/api/console/v1/duplicates", ops(), Set.of(200));
        check(console, "GET", "/api/dedup/v1/idempotency/stats", "/api/dedup/v1/idempotency/stats", ops(), Set.of(200));

        for (int port : new int[] {ingest, dedup, orders, console}) {
            check(port, "GET", "/health/live", "/health/live", get(), Set.of(200));
            check(port, "GET", "/health/ready", "/health/ready", get(), Set.of(200));
        }
    }

    private static HttpRequest.Builder get() {
        return HttpRequest.newBuilder().GET();
    }

    private static HttpRequest.Builder ops() {
        return HttpRequest.newBuilder().GET().header("Authorization", "Bearer " + OPS);
    }

    private static HttpRequest.Builder webhook(String key, String body) {
        return HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("X-Idempotency-Key", key);
    }

    private static HttpResponse<String> send(int port, String path, HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.copy().uri(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request, expects one of {@code statuses}, and validates the body against the documented schema. */
    private static void check(int port, String method, String template, String path, HttpRequest.Builder request, Set<Integer> statuses)
            throws Exception {
        HttpResponse<String> answer = send(port, path, request);
        String what = method + " " + path + " on port " + port;
        assertThat(answer.statusCode()).as(what + " answered " + answer.body()).isIn(statuses);
        JsonNode document = ContractJson.tree(send(port, OpenApiDocument.PATH, ops()).body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode documented = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT))
                .path("responses").path(String.valueOf(answer.statusCode()));
        assertThat(documented.isMissingNode()).as(what + ": status " + answer.statusCode() + " is not in the document").isFalse();
        JsonNode schema = documented.path("content").path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as(what + ": no JSON schema documented for " + answer.statusCode()).isFalse();
        // the response schema's $refs point into the document's components: give the schema the document's root
        ObjectNode rooted = schema.deepCopy();
        rooted.set("components", document.path("components"));
        Set<ValidationMessage> problems = SCHEMAS.getSchema(rooted).validate(ContractJson.tree(answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(problems).as(what + " answered " + answer.body()).isEmpty();
    }
}
