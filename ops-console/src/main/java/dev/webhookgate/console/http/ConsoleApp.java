package dev.webhookgate.console.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.console.kafka.ConsumerLag;
import dev.webhookgate.console.kafka.DuplicatesTail;
import dev.webhookgate.console.kafka.KafkaUnavailableException;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.http.ErrorMapping;
import dev.webhookgate.http.ErrorResponses;
import dev.webhookgate.http.OpenApiDocument;
import dev.webhookgate.http.Metrics;
import dev.webhookgate.http.ServiceRoutes;
import dev.webhookgate.http.access.AccessGuard;
import dev.webhookgate.http.access.AccessPolicy;
import dev.webhookgate.http.access.AccessTokens;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's HTTP surface: the pages (static files from {@code src/main/resources/console}, no build step), the
 * pass-through routes of {@link ProxyRoutes}, and what only the console answers (consumer lag, the duplicates tail).
 * The pages under {@code /ui/} are open, every {@code /api/*} route (and {@code /metrics}) needs {@code OPS_TOKEN} when one is set.
 */
public final class ConsoleApp {

    static final int DEFAULT_TAIL = 50;
    static final int MAX_TAIL = 500;
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");

    private ConsoleApp() {
    }

    public static Javalin create(Upstreams upstreams, ConsumerLag lag, DuplicatesTail duplicates, AccessTokens tokens) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/ui";
                files.directory = "/console";
                files.location = Location.CLASSPATH;
                // the pages change with the jar; a browser must not keep yesterday's script
                files.headers = java.util.Map.of("Cache-Control", "no-cache");
            });
            // Kafka's sentence says which read timed out; it names no secret
            ErrorResponses.install(config, ErrorMapping.on(KafkaUnavailableException.class, e -> ApiException.unavailable(e.getMessage())));
            // the pages hold no data: the browser must load them to ask for the token the API needs
            AccessGuard.install(config, AccessPolicy.withPublicPrefixes("/ui/").withPublicPaths("/", "/ui"), tokens);
            config.routes.get("/", ctx -> ctx.redirect("/ui/"));
            ServiceRoutes.install(config, () -> null, Metrics.registry("ops-console"));
            OpenApiDocument.load("openapi/ops-console.json").install(config);
            for (ProxyRoutes.ProxyRoute route : ProxyRoutes.ALL) {
                config.routes.addHttpHandler(io.javalin.http.HandlerType.findOrCreate(route.method()), route.consolePath(),
                        ctx -> forward(upstreams, route, ctx));
            }
            config.routes.get("/api/console/v1/session", ctx -> {
                ObjectNode body = ContractJson.MAPPER.createObjectNode();
                body.put("token_required", tokens.ops().isPresent());
                ctx.json(body);
            });
            config.routes.get("/api/console/v1/lag", ctx -> ctx.json(lagBody(lag)));
            config.routes.get("/api/console/v1/duplicates", ctx -> ctx.json(duplicatesBody(duplicates, perPartition(ctx))));
        });
    }

    private static void forward(Upstreams upstreams, ProxyRoutes.ProxyRoute route, Context ctx) {
        Matcher m = PATH_PARAM.matcher(route.servicePath());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(segment(ctx.pathParam(m.group(1)))));
        }
        m.appendTail(path);
        String query = ctx.queryString();
        if (query != null && !query.isEmpty()) {
            path.append('?').append(query);
        }
        Upstreams.Answer answer = upstreams.call(route.service(), route.method(), path.toString(), ctx.header("Authorization"),
                "POST".equals(route.method()) ? ctx.bodyAsBytes() : null);
        ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
    }

    /** A path parameter as Javalin decoded it, encoded again for the service's path. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ObjectNode lagBody(ConsumerLag lag) {
        ObjectNode body = ContractJson.MAPPER.createObjectNode();
        ArrayNode rows = body.putArray("groups");
        for (ConsumerLag.Row row : lag.read()) {
            ObjectNode node = rows.addObject();
            node.put("group", row.group());
            node.put("topic", row.topic());
            node.put("partitions", row.partitions());
            node.put("committed", row.committed());
            node.put("end", row.end());
            node.put("lag", row.lag());
        }
        return body;
    }

    private static ObjectNode duplicatesBody(DuplicatesTail tail, int perPartition) {
        ObjectNode body = ContractJson.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("duplicates");
        for (DuplicatesTail.Entry entry : tail.read(perPartition)) {
            ObjectNode node = items.addObject();
            node.put("verdict", entry.record().verdict().wire());
            node.put("provider", entry.record().envelope().provider().id());
            node.put("idempotency_key", entry.record().envelope().idempotencyKey());
            node.put("event_id", entry.record().envelope().eventId());
            node.put("original_event_id", entry.record().originalEventId());
            node.put("received_at", UtcMillis.format(entry.record().envelope().receivedAt()));
            node.put("fingerprint", entry.record().envelope().fingerprint());
            node.put("partition", entry.partition());
            node.put("offset", entry.offset());
        }
        return body;
    }

    private static int perPartition(Context ctx) {
        String raw = ctx.queryParam("per_partition");
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_TAIL;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= MAX_TAIL) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("invalid_parameter", "per_partition must be a whole number from 1 to " + MAX_TAIL + ", got \"" + raw + "\".");
    }
}
