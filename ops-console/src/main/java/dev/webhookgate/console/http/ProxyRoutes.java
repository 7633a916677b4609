package dev.webhookgate.console.http;

import dev.webhookgate.console.http.Upstreams.Service;
import java.util.List;

/**
 * The services' routes the console passes through, one table: the console path is the service's own path with the
 * service's name in front ({@code /api/orders/v1/dlq} -> order-consumer {@code /api/v1/dlq}). Only these; the console
 * is no open relay to everything the services answer.
 */
final class ProxyRoutes {

    private ProxyRoutes() {
    }

    record ProxyRoute(String method, Service service, String servicePath) {

        String consolePath() {
            return "/api/" + service.name().toLowerCase(java.util.Locale.ROOT) + servicePath.substring("/api".length());
        }
    }

    static final List<ProxyRoute> ALL = List.of(
            new ProxyRoute("GET", Service.INGEST, "/api/v1/idempotency/config"),
            new ProxyRoute("GET", Service.DEDUP, "/api/v1/idempotency/stats"),
            new ProxyRoute("GET", Service.DEDUP, "/api/v1/idempotency/keys/{provider}/{key}"),
            new ProxyRoute("DELETE", Service.DEDUP, "/api/v1/idempotency/keys/{provider}/{key}"),
            new ProxyRoute("GET", Service.ORDERS, "/api/v1/orders"),
            new ProxyRoute("GET", Service.ORDERS, "/api/v1/payments"),
            new ProxyRoute("GET", Service.ORDERS, "/api/v1/ledger/balance"),
            new ProxyRoute("GET", Service.ORDERS, "/api/v1/processed/{provider}/{key}"),
            new ProxyRoute("GET", Service.ORDERS, "/api/v1/dlq"),
            new ProxyRoute("POST", Service.ORDERS, "/api/v1/dlq/redrive"),
            new ProxyRoute("POST", Service.ORDERS, "/api/v1/dlq/{event_id}/redrive"));
}
