package dev.webhookgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A service's OpenAPI 3.1 document, kept as a JSON resource beside its code and served as it is at
 * {@code /openapi.json}. {@link #routes()} lists what it documents in {@link RouteListing}'s terms, so a test can
 * hold the two against each other: no route without a document entry, no entry without a route.
 */
public final class OpenApiDocument {

    public static final String PATH = "/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private final byte[] bytes;
    private final JsonNode tree;

    private OpenApiDocument(byte[] bytes) {
        this.bytes = bytes;
        this.tree = ContractJson.tree(bytes);
    }

    /** {@code resource} is a class-path name such as {@code openapi/order-consumer.json}. */
    public static OpenApiDocument load(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no OpenAPI document " + resource + " on the class path");
            }
            return new OpenApiDocument(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** Serves the document at {@link #PATH}. */
    public void install(JavalinConfig config) {
        config.routes.get(PATH, ctx -> ctx.contentType("application/json").result(bytes));
    }

    public JsonNode tree() {
        return tree;
    }

    /** Every path and method the document describes, sorted as {@link RouteListing#of} sorts. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = tree.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> names = path.getValue().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (METHODS.contains(name)) {
                    routes.add(new Route(name.toUpperCase(Locale.ROOT), path.getKey()));
                }
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return routes;
    }
}
