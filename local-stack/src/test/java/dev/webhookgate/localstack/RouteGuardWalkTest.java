package dev.webhookgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.http.Route;
import dev.webhookgate.runtime.config.Env;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every route of every service, as each service's router lists it, checked against the access model of
 * docs/security.md with both tokens set: a route added tomorrow is walked too, and fails here if it is not
 * guarded the way the model says. The model is written out below on its own, not read from AccessPolicy, so
 * a wrong policy cannot agree with itself.
 */
class RouteGuardWalkTest {

    private static final String OPS = "ops-" + UUID.randomUUID();
    private static final String INTERNAL = "int-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Path dataDir;
    private static LocalStack stack;

    enum Guard { NONE, OPS, INTERNAL }

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("route-walk-");
        String run = "walk" + UUID.randomUUID().toString().substring(0, 8);
        Env env = new Env(Map.of("DATA_DIR", dataDir.toString(), "KAFKA_PORT", "0", "INGEST_PORT", "0", "DEDUP_PORT", "0",
                "ORDERS_PORT", "0", "TOPIC_PREFIX", run, "APPLICATION_ID", run + "-dedup", "ORDERS_GROUP_ID", run + "-orders",
                "OPS_TOKEN", OPS, "INTERNAL_TOKEN", INTERNAL)).with("CONSOLE_PORT", "0");
        stack = LocalStack.start(LocalStackOptions.parse(new String[0], env)).awaitReady();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        dev.webhookgate.fixture.Directories.deleteRecursively(dataDir);
    }

    /** The access model, route by route. */
    static Guard expected(String service, Route route) {
        String path = route.path();
        if (path.equals("/health/live") || path.equals("/health/ready")) {
            return Guard.NONE;
        }
        if (service.equals("ingest-api") && (path.startsWith("/api/v1/webhooks/") || path.equals("/api/v1/whatsapp/webhook")
                || path.equals("/api/v1/idempotency/config") || path.equals("/api/v1/whatsapp/test"))) {
            return Guard.NONE;
        }
        // the console's / only sends the browser to its pages, which hold no data and must load to ask for the token
        if (service.equals("ops-console") && path.equals("/")) {
            return Guard.NONE;
        }
        if (path.startsWith("/internal/")) {
            assertThat(service).as("only dedup-streams serves /internal/*, found " + route).isEqualTo("dedup-streams");
            return Guard.INTERNAL;
        }
        return Guard.OPS;
    }

    @Test
    void theWalkSeesEveryServiceAndItsKnownRoutes() {
        Map<String, List<Route>> byService = new java.util.TreeMap<>();
        stack.httpServices().forEach(s -> byService.put(s.name(), s.routes()));
        assertThat(byService).containsKeys("ingest-api", "dedup-streams", "order-consumer", "ops-console");
        for (List<Route> routes : byService.values()) {
            assertThat(routes).contains(new Route("GET", "/metrics"), new Route("GET", "/health/live"), new Route("GET", "/health/ready"));
        }
        assertThat(byService.get("dedup-streams")).contains(new Route("POST", "/internal/v1/verdicts"),
                new Route("DELETE", "/api/v1/idempotency/keys/{provider}/{key}"));
        assertThat(byService.get("order-consumer")).contains(new Route("GET", "/api/v1/orders"));
        assertThat(byService.get("ingest-api")).contains(new Route("POST", "/api/v1/webhooks/{provider}"));
        assertThat(byService.get("ops-console")).contains(new Route("POST", "/api/orders/v1/dlq/{event_id}/redrive"),
                new Route("GET", "/api/console/v1/lag"));
    }

    @TestFactory
    Stream<DynamicTest> everyRouteIsGuardedAsTheAccessModelSays() {
        List<DynamicTest> tests = new ArrayList<>();
        for (LocalStack.HttpService service : stack.httpServices()) {
            for (Route route : service.routes()) {
                Guard guard = expected(service.name(), route);
                tests.add(DynamicTest.dynamicTest(service.name() + " " + route + " needs " + guard, () -> walk(service, route, guard)));
            }
        }
        return tests.stream();
    }

    @Test
    void theIngestSendsTheInternalTokenSoVerdictsStillArrive() throws Exception {
        String key = "walk-" + UUID.randomUUID();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ingestPort()
                        + "/api/v1/webhooks/custom")).header("X-Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"ping\"}")).build(), HttpResponse.BodyHandlers.ofString());
        // a 202 would mean the verdict query was refused: the ingest did not send INTERNAL_TOKEN
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        HttpResponse<String> stats = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.dedupPort()
                + "/api/v1/idempotency/stats")).header("Authorization", "Bearer " + OPS).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stats.statusCode()).as("summed over instances through the peer route").isEqualTo(200);
    }

    private static void walk(LocalStack.HttpService service, Route route, Guard guard) throws Exception {
        String path = concrete(route.path());
        int anonymous = status(service.port(), route.method(), path, null);
        if (guard == Guard.NONE) {
            assertThat(anonymous).as("open route answered 401").isNotEqualTo(401);
            return;
        }
        String right = guard == Guard.OPS ? OPS : INTERNAL;
        String other = guard == Guard.OPS ? INTERNAL : OPS;
        assertThat(anonymous).as("without a token").isEqualTo(401);
        assertThat(status(service.port(), route.method(), path, "Bearer " + other)).as("with the other token").isEqualTo(401);
        assertThat(status(service.port(), route.method(), path, "Bearer " + right + "x")).as("with a wrong token").isEqualTo(401);
        assertThat(status(service.port(), route.method(), path, "Basic " + right)).as("with another scheme").isEqualTo(401);
        assertThat(status(service.port(), route.method(), path, "Bearer " + right)).as("with the right token").isNotEqualTo(401);
    }

    /** A path template with every parameter filled in: {provider} with a real provider, the rest with a plain value. */
    static String concrete(String template) {
        return template.replace("{provider}", "custom").replace("<provider>", "custom")
                .replaceAll("\\{[^}]+}|<[^>]+>", "walk-" + "value");
    }

    private static int status(int port, String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, method.equals("GET") || method.equals("DELETE") || method.equals("HEAD")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (!method.equals("GET") && !method.equals("DELETE") && !method.equals("HEAD")) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
