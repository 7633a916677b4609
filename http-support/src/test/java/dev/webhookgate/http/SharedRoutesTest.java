package dev.webhookgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.http.access.AccessGuard;
import dev.webhookgate.http.access.AccessPolicy;
import dev.webhookgate.http.access.AccessTokens;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SharedRoutesTest {

    private final AtomicReference<String> readinessProblem = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(config -> {
            ErrorResponses.install(config, ErrorMapping.on(StoreClosedException.class, e -> ApiException.unavailable(e.getMessage())));
            ServiceRoutes.install(config, readinessProblem::get, Metrics.registry("test"));
            AccessGuard.install(config, AccessPolicy.withPublicPrefixes("/boom", "/busy", "/closed"), new AccessTokens(Optional.of("s3cret"), Optional.empty()));
            config.routes.get("/ops/thing", ctx -> ctx.result("ok"));
            config.routes.get("/boom", ctx -> {
                throw new IllegalStateException("secret internals");
            });
            config.routes.get("/busy", ctx -> {
                throw ApiException.unavailable("Kafka did not take the record.");
            });
            config.routes.get("/closed/now", ctx -> {
                throw new StoreClosedException("The store is closed.");
            });
            config.routes.get("/closed/later", ctx -> ctx.future(() -> CompletableFuture.failedFuture(new StoreClosedException("The store closed meanwhile."))));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void unknownRouteIsContractNotFound() throws Exception {
        HttpResponse<String> response = get("/nope", Map.of());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"not_found\",\"message\":\"No route for GET /nope.\"}");
    }

    @Test
    void apiExceptionsCarryTheirStatusCodeAndHeaders() throws Exception {
        HttpResponse<String> response = get("/busy", Map.of());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.body()).isEqualTo("{\"error\":\"unavailable\",\"message\":\"Kafka did not take the record.\"}");
    }

    /** A domain failure the app's mapping names: a service's own exception, never an HTTP status. */
    static final class StoreClosedException extends RuntimeException {
        StoreClosedException(String message) {
            super(message);
        }
    }

    @Test
    void aMappedDomainFailureIsAnsweredByTheMappingThrownOrFromAFuture() throws Exception {
        HttpResponse<String> thrown = get("/closed/now", Map.of());
        assertThat(thrown.statusCode()).isEqualTo(503);
        assertThat(thrown.headers().firstValue("Retry-After")).contains("5");
        assertThat(thrown.body()).isEqualTo("{\"error\":\"unavailable\",\"message\":\"The store is closed.\"}");
        HttpResponse<String> later = get("/closed/later", Map.of());
        assertThat(later.statusCode()).isEqualTo(503);
        assertThat(later.body()).isEqualTo("{\"error\":\"unavailable\",\"message\":\"The store closed meanwhile.\"}");
    }

    @Test
    void unexpectedFailuresAnswer500WithoutLeakingInternals() throws Exception {
        HttpResponse<String> response = get("/boom", Map.of());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("\"error\":\"internal_error\"").doesNotContain("secret internals");
    }

    @Test
    void opsRoutesNeedTheBearerTokenButHealthDoesNot() throws Exception {
        assertThat(get("/ops/thing", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/ops/thing", Map.of("Authorization", "Bearer wrong")).body()).contains("\"error\":\"unauthorized\"");
        assertThat(get("/ops/thing", Map.of("Authorization", "Bearer s3cret")).body()).isEqualTo("ok");
        assertThat(get("/health/live", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void readinessReportsWhatIsNotReady() throws Exception {
        assertThat(get("/health/ready", Map.of()).statusCode()).isEqualTo(200);
        readinessProblem.set("Kafka is not reachable");
        HttpResponse<String> response = get("/health/ready", Map.of());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("Kafka is not reachable");
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        HttpResponse<String> response = get("/metrics", Map.of("Authorization", "Bearer s3cret"));
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
