package dev.webhookgate.http.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.http.ErrorResponses;
import dev.webhookgate.http.Route;
import dev.webhookgate.http.RouteListing;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessGuardTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void policyOpensHealthAndPublicPrefixesAndGuardsTheRest() {
        AccessPolicy ingest = AccessPolicy.withPublicPrefixes("/api/v1/webhooks/");
        assertThat(ingest.of("/health/live")).isEqualTo(Access.OPEN);
        assertThat(ingest.of("/health/ready")).isEqualTo(Access.OPEN);
        assertThat(ingest.of("/api/v1/webhooks/stripe")).isEqualTo(Access.OPEN);
        assertThat(ingest.of("/metrics")).isEqualTo(Access.OPS);
        assertThat(ingest.of("/api/v1/new-thing")).isEqualTo(Access.OPS);
        assertThat(AccessPolicy.operatorService().of("/internal/v1/verdicts")).isEqualTo(Access.INTERNAL);
        assertThat(AccessPolicy.operatorService().of("/health/live/x")).isEqualTo(Access.OPS);
    }

    @Test
    void eachTokenOpensOnlyItsOwnEndpoints() throws Exception {
        start(new AccessTokens(Optional.of("ops-1"), Optional.of("int-1")));
        assertThat(status("/api/thing", null)).isEqualTo(401);
        assertThat(status("/api/thing", "Bearer int-1")).isEqualTo(401);
        assertThat(status("/api/thing", "Bearer ops-1x")).isEqualTo(401);
        assertThat(status("/api/thing", "Basic ops-1")).isEqualTo(401);
        assertThat(status("/api/thing", "bearer ops-1")).isEqualTo(200);
        assertThat(status("/internal/thing", null)).isEqualTo(401);
        assertThat(status("/internal/thing", "Bearer ops-1")).isEqualTo(401);
        assertThat(status("/internal/thing", "Bearer int-1")).isEqualTo(200);
        assertThat(status("/health/live", null)).isEqualTo(200);
    }

    @Test
    void withoutTokensEverythingIsOpenAndUnknownPathsStay404() throws Exception {
        start(AccessTokens.NONE);
        assertThat(status("/api/thing", null)).isEqualTo(200);
        assertThat(status("/internal/thing", null)).isEqualTo(200);
        app.stop();
        start(new AccessTokens(Optional.of("ops-1"), Optional.empty()));
        assertThat(status("/nowhere", null)).isEqualTo(404);
        assertThat(status("/internal/thing", null)).isEqualTo(200);
    }

    @Test
    void theRefusalIsTheContractBodyAndNamesTheVariable() throws Exception {
        start(new AccessTokens(Optional.of("ops-1"), Optional.of("int-1")));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/internal/thing")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\",\"message\":\"This endpoint needs Authorization: Bearer <INTERNAL_TOKEN>.\"}");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void tokensNeverShowInToString() {
        assertThat(new AccessTokens(Optional.of("ops-secret"), Optional.of("int-secret")).toString())
                .doesNotContain("ops-secret").doesNotContain("int-secret");
    }

    @Test
    void routeListingReadsTheRouterAndLeavesFiltersOut() {
        start(AccessTokens.NONE);
        assertThat(RouteListing.of(app)).containsExactly(
                new Route("GET", "/api/thing"), new Route("GET", "/health/live"), new Route("GET", "/internal/thing"));
    }

    private void start(AccessTokens tokens) {
        app = Javalin.create(config -> {
            ErrorResponses.install(config);
            AccessGuard.install(config, AccessPolicy.operatorService(), tokens);
            config.routes.before(ctx -> ctx.header("X-Seen", "1"));
            config.routes.get("/api/thing", ctx -> ctx.result("ok"));
            config.routes.get("/internal/thing", ctx -> ctx.result("ok"));
            config.routes.get("/health/live", ctx -> ctx.result("ok"));
        }).start("127.0.0.1", 0);
    }

    private int status(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
