package dev.webhookgate.ingest.http;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.http.ErrorResponses;
import dev.webhookgate.ingest.AnswerDeadline;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.ingest.delivery.AckProtocol;
import dev.webhookgate.ingest.delivery.Answer;
import dev.webhookgate.ingest.delivery.DeliveryChecks;
import dev.webhookgate.ingest.delivery.DeliveryTrace;
import dev.webhookgate.ingest.delivery.RequestHeaders;
import dev.webhookgate.runtime.tracing.Tracing;
import io.javalin.http.Context;
import io.opentelemetry.context.Scope;
import io.javalin.http.HttpResponseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/webhooks/{provider}}: runs the checks in docs/api.md's order (provider, size, then
 * {@link DeliveryChecks}), then hands the envelope to the acknowledgment protocol without blocking.
 */
public final class WebhookController {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final String WEBHOOK_ROUTE = "/api/v1/webhooks/{provider}";
    public static final String WHATSAPP_ROUTE = "/api/v1/whatsapp/webhook";
    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    private static final String PROVIDER_IDS = Arrays.stream(Provider.values()).map(Provider::id).collect(Collectors.joining(", "));

    private final IngestConfig config;
    private final DeliveryChecks checks;
    private final AckProtocol protocol;
    private final RequestMetrics metrics;
    private final InFlight inFlight;
    private final Tracing tracing;

    public WebhookController(IngestConfig config, DeliveryChecks checks, AckProtocol protocol, RequestMetrics metrics,
                             InFlight inFlight, Tracing tracing) {
        this.tracing = tracing;
        this.config = config;
        this.checks = checks;
        this.protocol = protocol;
        this.metrics = metrics;
        this.inFlight = inFlight;
    }

    public void receive(Context ctx) {
        String id = ctx.pathParam("provider");
        Optional<Provider> provider = Provider.fromId(id);
        if (provider.isEmpty()) {
            metrics.record("unknown", "unknown_provider", System.nanoTime());
            throw new ApiException(404, "unknown_provider",
                    "Unknown provider \"" + id + "\"; use one of " + PROVIDER_IDS + ".");
        }
        receive(ctx, provider.get(), WEBHOOK_ROUTE);
    }

    /** The seed's {@code POST /api/v1/whatsapp/webhook}. */
    public void receiveWhatsapp(Context ctx) {
        receive(ctx, Provider.WHATSAPP, WHATSAPP_ROUTE);
    }

    private void receive(Context ctx, Provider provider, String route) {
        long start = System.nanoTime();
        AnswerDeadline deadline = AnswerDeadline.from(start);
        if (!inFlight.tryEnter()) {
            metrics.record(provider.id(), "unavailable", start);
            throw ApiException.unavailable("This ingest instance is shutting down; retry after 5 seconds.");
        }
        DeliveryTrace trace = tracing.on() ? DeliveryTrace.start(tracing.tracer(), ctx::header, route, provider.id()) : null;
        CompletableFuture<Answer> answer;
        try (Scope ignored = trace == null ? null : trace.makeCurrent()) {
            answer = protocol.acknowledge(accept(ctx, provider), deadline, trace);
        } catch (ApiException e) {
            inFlight.exit();
            metrics.record(provider.id(), e.code(), start);
            if (trace != null) {
                trace.answered(e.status(), e.code());
            }
            throw e;
        } catch (RuntimeException e) {
            inFlight.exit();
            metrics.record(provider.id(), "internal_error", start);
            if (trace != null) {
                trace.answered(500, "internal_error");
            }
            throw e;
        }
        ctx.future(() -> answer.handle((reply, error) -> {
            try {
                if (error == null) {
                    write(ctx, reply);
                    metrics.record(provider.id(), reply.outcome(), start);
                    if (trace != null) {
                        trace.answered(reply.status(), reply.outcome());
                    }
                } else {
                    ApiException api = asApiException(error);
                    ErrorResponses.write(ctx, api);
                    metrics.record(provider.id(), api.code(), start);
                    if (trace != null) {
                        trace.answered(api.status(), api.code());
                    }
                }
                return null;
            } finally {
                inFlight.exit();
            }
        }));
    }

    private WebhookEnvelope accept(Context ctx, Provider provider) {
        byte[] body = readBody(ctx);
        return checks.accept(provider, body, ctx.contentType(), headers(ctx), signedUrl(ctx));
    }

    private static RequestHeaders headers(Context ctx) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            all.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        return RequestHeaders.ofAll(all);
    }

    private byte[] readBody(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            if (e.getStatus() == 413) {
                throw tooLarge(config.maxBodyBytes());
            }
            throw e;
        }
    }

    static ApiException tooLarge(int maxBodyBytes) {
        return new ApiException(413, "payload_too_large", "The body is larger than " + maxBodyBytes + " bytes (MAX_BODY_BYTES).");
    }

    /** Twilio signs the URL it called, which behind a proxy is PUBLIC_BASE_URL rather than what we see. */
    private String signedUrl(Context ctx) {
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        return config.publicBaseUrl()
                .map(base -> base.toString().replaceAll("/+$", "") + ctx.path() + query)
                .orElseGet(() -> ctx.url() + query);
    }

    private static void write(Context ctx, Answer reply) {
        if (reply.replayed()) {
            ctx.header(REPLAYED_HEADER, "true");
        }
        ctx.status(reply.status()).contentType("application/json").result(reply.body());
    }

    private static ApiException asApiException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ApiException api) {
            return api;
        }
        // only a bug gets here: the protocol maps every Kafka and verdict failure itself
        log.error("unexpected failure answering a webhook", cause);
        return new ApiException(500, "internal_error", "The server failed to answer this request; it has been logged.");
    }
}
