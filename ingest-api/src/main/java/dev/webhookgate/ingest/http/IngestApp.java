package dev.webhookgate.ingest.http;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.http.ErrorResponses;
import dev.webhookgate.http.OpenApiDocument;
import dev.webhookgate.http.ServiceRoutes;
import dev.webhookgate.http.server.HttpHardening;
import dev.webhookgate.http.access.AccessGuard;
import dev.webhookgate.http.access.AccessPolicy;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.ingest.delivery.AckProtocol;
import dev.webhookgate.ingest.delivery.DeliveryChecks;
import dev.webhookgate.ingest.publish.Publisher;
import dev.webhookgate.ingest.verdict.VerdictClient;
import dev.webhookgate.runtime.tracing.Tracing;
import io.javalin.Javalin;
import java.time.Duration;
import org.eclipse.jetty.server.handler.GracefulHandler;
import io.javalin.http.ContentTooLargeResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The ingest's HTTP application, built from its dependencies. Javalin 7 fixes routes at {@code create},
 * so everything the routes use exists before this is called; nothing is wired in later.
 */
public final class IngestApp {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final IngestConfig config;
    private final WebhookController webhooks;
    private final InfoController info;
    private final Supplier<String> readiness;
    private final PrometheusMeterRegistry registry;

    /** @param readiness null when the broker is reachable, else a sentence saying why not */
    public IngestApp(IngestConfig config, Publisher publisher, VerdictClient verdicts, Clock clock,
                     PrometheusMeterRegistry registry, Supplier<String> readiness, InFlight inFlight, Tracing tracing) {
        this.config = config;
        AckProtocol protocol = new AckProtocol(publisher, verdicts, config.verdictTimeout(), config.idempotency().enabled());
        this.webhooks = new WebhookController(config, new DeliveryChecks(config, clock), protocol, new RequestMetrics(registry), inFlight, tracing);
        this.info = new InfoController(config);
        this.readiness = readiness;
        this.registry = registry;
    }

    public Javalin create() {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // Javalin refuses larger bodies itself; WebhookController turns its 413 into docs/api.md's error body
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.jetty.port = config.port();
            // Jetty's stop waits for requests still writing their answer: InFlight counts a request done once its
            // answer is set, a moment before the bytes are on the wire
            cfg.jetty.modifyServer(server -> {
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            // unknown provider (404) comes before body size (413) in the order of checks (docs/api.md, "Order of checks")
            HttpHardening.install(cfg, path -> !path.startsWith("/api/v1/webhooks/")
                    || Provider.fromId(path.substring("/api/v1/webhooks/".length())).isPresent());
            ErrorResponses.install(cfg);
            // providers post webhooks with their signatures as the only guard; /metrics and anything new need OPS_TOKEN
            AccessGuard.install(cfg, AccessPolicy.withPublicPrefixes(
                    "/api/v1/webhooks/", "/api/v1/whatsapp/", "/api/v1/idempotency/config"), config.access());
            cfg.routes.exception(ContentTooLargeResponse.class,
                    (e, ctx) -> ErrorResponses.write(ctx, WebhookController.tooLarge(config.maxBodyBytes())));
            cfg.routes.post(WebhookController.WEBHOOK_ROUTE, webhooks::receive);
            cfg.routes.post(WebhookController.WHATSAPP_ROUTE, webhooks::receiveWhatsapp);
            cfg.routes.get("/api/v1/idempotency/config", info::config);
            cfg.routes.get("/api/v1/whatsapp/test", info::whatsappTest);
            ServiceRoutes.install(cfg, readiness, registry);
            OpenApiDocument.load("openapi/ingest-api.json").install(cfg);
        });
    }
}
