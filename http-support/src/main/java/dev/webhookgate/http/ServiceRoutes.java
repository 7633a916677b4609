package dev.webhookgate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;
import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/** The routes every service answers the same way: liveness, readiness and Prometheus metrics. */
public final class ServiceRoutes {

    private ServiceRoutes() {
    }

    /** {@code readiness} returns null when ready, or a sentence saying what is not. */
    public static void install(JavalinConfig config, Supplier<String> readiness, PrometheusMeterRegistry registry) {
        config.routes.get("/health/live", ctx -> ctx.json(status("UP", null)));
        config.routes.get("/health/ready", ctx -> {
            String problem = readiness.get();
            ctx.status(problem == null ? 200 : 503).json(status(problem == null ? "UP" : "DOWN", problem));
        });
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    }

    private static ObjectNode status(String status, String reason) {
        ObjectNode node = ContractJson.MAPPER.createObjectNode();
        node.put("status", status);
        if (reason != null) {
            node.put("reason", reason);
        }
        return node;
    }
}
