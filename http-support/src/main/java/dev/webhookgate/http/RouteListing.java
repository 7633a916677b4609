package dev.webhookgate.http;

import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import java.util.Comparator;
import java.util.List;

/**
 * The endpoints a Javalin app really serves, read from its router rather than from a list kept by hand, so
 * whatever checks every route (the access walk, OpenAPI drift checks) also sees a route added tomorrow.
 * Before/after filters are not endpoints and are left out.
 */
public final class RouteListing {

    private RouteListing() {
    }

    public static List<Route> of(Javalin app) {
        // Javalin 7 has no public listing; its InternalRouter is reachable through the app's state and is what matches requests
        List<ParsedEndpoint> endpoints = app.unsafe.internalRouter.allHttpHandlers();
        return endpoints.stream()
                .filter(parsed -> parsed.endpoint.method.isHttpMethod())
                .map(parsed -> new Route(parsed.endpoint.method.name(), parsed.endpoint.path))
                .distinct()
                .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
                .toList();
    }
}
