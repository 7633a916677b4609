package dev.webhookgate.orders.http;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.http.ErrorResponses;
import dev.webhookgate.http.OpenApiDocument;
import dev.webhookgate.http.QueryParams;
import dev.webhookgate.http.ServiceRoutes;
import dev.webhookgate.http.server.HttpHardening;
import dev.webhookgate.http.access.AccessGuard;
import dev.webhookgate.http.access.AccessPolicy;
import dev.webhookgate.http.access.AccessTokens;
import dev.webhookgate.orders.ledger.LedgerReader;
import dev.webhookgate.orders.ledger.Views;
import dev.webhookgate.orders.redrive.Redriver;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The read and dead-letter routes of docs/api.md (Order consumer API); handlers only parse parameters and render what the reader found. */
public final class OrdersApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final LedgerReader reader;
    private final DlqController dlq;

    public OrdersApi(LedgerReader reader, Redriver redriver) {
        this.reader = reader;
        this.dlq = new DlqController(reader, redriver);
    }

    public Javalin create(int port, AccessTokens tokens, Supplier<String> readiness, PrometheusMeterRegistry registry) {
        return Javalin.create(config -> {
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            HttpHardening.install(config);
            ErrorResponses.install(config, OrdersErrors.MAPPING);
            AccessGuard.install(config, AccessPolicy.operatorService(), tokens);
            ServiceRoutes.install(config, readiness, registry);
            OpenApiDocument.load("openapi/order-consumer.json").install(config);
            config.routes.get("/api/v1/orders", this::orders);
            config.routes.get("/api/v1/payments", this::payments);
            config.routes.get("/api/v1/ledger/balance", this::balance);
            config.routes.get("/api/v1/processed/{provider}/{key}", this::processed);
            config.routes.get("/api/v1/dlq", dlq::list);
            config.routes.post("/api/v1/dlq/redrive", dlq::redriveBulk);
            config.routes.post("/api/v1/dlq/{event_id}/redrive", dlq::redriveOne);
        });
    }

    private void orders(Context ctx) {
        QueryParams query = QueryParams.parse(ctx.queryString(), Set.of("retailer", "limit", "before"));
        Views.Page<Views.Order> page = reader.orders(query.nonEmpty("retailer"), before(query), limit(query));
        var body = ContractJson.MAPPER.createObjectNode();
        body.set("orders", ContractJson.MAPPER.valueToTree(page.items()));
        body.put("next", page.next());
        ctx.json(body);
    }

    private void payments(Context ctx) {
        QueryParams query = QueryParams.parse(ctx.queryString(), Set.of("limit", "before"));
        Views.Page<Views.Payment> page = reader.payments(before(query), limit(query));
        var body = ContractJson.MAPPER.createObjectNode();
        body.set("payments", ContractJson.MAPPER.valueToTree(page.items()));
        body.put("next", page.next());
        ctx.json(body);
    }

    private void balance(Context ctx) {
        ctx.json(ContractJson.MAPPER.valueToTree(reader.balances()));
    }

    private void processed(Context ctx) {
        String providerId = ctx.pathParam("provider");
        Provider provider = Provider.fromId(providerId)
                .orElseThrow(() -> new ApiException(404, "unknown_provider", "There is no provider called \"" + providerId + "\"."));
        String key = ctx.pathParam("key");
        Views.Processed processed = reader.processed(provider.id(), key)
                .orElseThrow(() -> ApiException.notFound("No event with key " + key + " from " + provider.id() + " has been processed."));
        ctx.json(ContractJson.MAPPER.valueToTree(processed));
    }

    /** Paging shared with the DLQ list: {@code limit} and {@code before} from a strictly read query. */
    static int limit(QueryParams query) {
        Optional<String> given = query.nonEmpty("limit");
        if (given.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String raw = given.get();
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("invalid_parameter", "limit must be a whole number from 1 to " + MAX_LIMIT + ", got \"" + raw + "\".");
    }

    static Optional<Long> before(QueryParams query) {
        Optional<String> given = query.nonEmpty("before");
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String raw = given.get();
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", "before must be a cursor from an earlier page's next, got \"" + raw + "\".");
        }
    }
}
