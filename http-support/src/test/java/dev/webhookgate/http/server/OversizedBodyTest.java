package dev.webhookgate.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.http.ErrorResponses;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that sends its whole body before reading (most HTTP clients, providers' among them) must read the
 * 413 the gate answers from the Content-Length alone. Closing with the body still arriving resets the
 * connection, and a reset can discard the 413 before the client reads it: found 2026-12-02, when
 * LargeBodyTest failed once with "header parser received no bytes".
 */
class OversizedBodyTest {

    private static final int LIMIT = 1024;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(config -> {
            config.http.maxRequestSize = LIMIT;
            ErrorResponses.install(config);
            HttpHardening.install(config);
            config.routes.post("/in", ctx -> ctx.result("ok"));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void everyOversizedBodySentWithoutWaitingGetsItsJson413() throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/in"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("request %d", i).isEqualTo(413);
            assertThat(answer.body()).contains("\"error\":\"payload_too_large\"");
        }
    }

    @Test
    void theConnectionStaysUsableAfterASmallOversizedBody() throws Exception {
        HttpRequest small = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/in"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(http.send(small, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
        HttpRequest tooBig = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/in"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1])).build();
        assertThat(http.send(tooBig, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        assertThat(http.send(small, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
    }
}
