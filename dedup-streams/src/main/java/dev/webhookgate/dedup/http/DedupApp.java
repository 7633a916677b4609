package dev.webhookgate.dedup.http;

import dev.webhookgate.http.BearerTokenGuard;
import dev.webhookgate.http.ErrorResponses;
import dev.webhookgate.http.ServiceRoutes;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/**
 * The HTTP surface of dedup-streams. {@code /internal/*} (verdicts, instance-to-instance reads) carries no
 * token: the ingest and the other instances call it on the private network, and it must not be exposed
 * publicly. {@code /api/*} is the operator's API, behind {@code OPS_TOKEN} when one is set.
 */
public final class DedupApp {

    private DedupApp() {
    }

    public static Javalin create(VerdictController verdicts, InternalController internal, OpsController ops,
                                 BearerTokenGuard guard, Supplier<String> readiness, PrometheusMeterRegistry registry) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            ErrorResponses.install(config);
            ServiceRoutes.install(config, readiness, registry);
            config.routes.before("/api/*", guard::check);
            config.routes.get("/internal/v1/verdicts/{provider}/{key}", verdicts::single);
            config.routes.post("/internal/v1/verdicts", verdicts::batch);
            config.routes.get("/internal/v1/entries/{provider}/{key}", internal::entry);
            config.routes.get("/internal/v1/stats/local", internal::localStats);
            config.routes.get("/api/v1/idempotency/keys/{provider}/{key}", ops::key);
            config.routes.delete("/api/v1/idempotency/keys/{provider}/{key}", ops::forget);
            config.routes.get("/api/v1/idempotency/stats", ops::stats);
        });
    }
}
