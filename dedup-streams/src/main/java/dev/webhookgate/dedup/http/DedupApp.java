package dev.webhookgate.dedup.http;

import dev.webhookgate.dedup.ops.OpsController;
import dev.webhookgate.dedup.verdict.VerdictController;
import dev.webhookgate.contract.verdict.VerdictProtocol;
import dev.webhookgate.http.ErrorResponses;
import dev.webhookgate.http.OpenApiDocument;
import dev.webhookgate.http.ServiceRoutes;
import dev.webhookgate.http.server.HttpHardening;
import dev.webhookgate.http.access.AccessGuard;
import dev.webhookgate.http.access.AccessPolicy;
import dev.webhookgate.http.access.AccessTokens;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/**
 * The HTTP surface of dedup-streams. {@code /internal/*} (verdicts, instance-to-instance reads) is for the
 * ingest and the other instances, behind {@code INTERNAL_TOKEN} when one is set; {@code /api/*} and
 * {@code /metrics} are the operator's, behind {@code OPS_TOKEN} when one is set (docs/security.md).
 */
public final class DedupApp {

    private DedupApp() {
    }

    public static Javalin create(VerdictController verdicts, InternalController internal, OpsController ops,
                                 AccessTokens tokens, Supplier<String> readiness, PrometheusMeterRegistry registry) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            HttpHardening.install(config);
            ErrorResponses.install(config, DedupErrors.MAPPING);
            ServiceRoutes.install(config, readiness, registry);
            OpenApiDocument.load("openapi/dedup-streams.json").install(config);
            AccessGuard.install(config, AccessPolicy.operatorService(), tokens);
            config.routes.post(VerdictProtocol.PATH, verdicts::batch);
            config.routes.get("/internal/v1/entries/{provider}/{key}", internal::entry);
            config.routes.get("/internal/v1/stats/local", internal::localStats);
            config.routes.get("/api/v1/idempotency/keys/{provider}/{key}", ops::key);
            config.routes.delete("/api/v1/idempotency/keys/{provider}/{key}", ops::forget);
            config.routes.get("/api/v1/idempotency/stats", ops::stats);
        });
    }
}
