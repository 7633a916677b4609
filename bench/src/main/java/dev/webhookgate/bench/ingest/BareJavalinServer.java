package dev.webhookgate.bench.ingest;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;

/** The ceiling: a Javalin POST that reads the body and answers a constant ack. Port from BENCH_PORT. */
public final class BareJavalinServer {

    private static final byte[] ACK = "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);

    private BareJavalinServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("BENCH_PORT", "8090"));
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.port = port;
            cfg.routes.post("/api/v1/webhooks/{provider}", ctx -> {
                ctx.bodyAsBytes();
                ctx.contentType("application/json").result(ACK);
            });
        }).start();
    }
}
