package dev.webhookgate.orders.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.http.QueryParams;
import dev.webhookgate.orders.ledger.DeadLetterFilter;
import dev.webhookgate.orders.ledger.LedgerReader;
import dev.webhookgate.orders.ledger.Views;
import dev.webhookgate.orders.redrive.Redriver;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The operator's dead-letter API: list, redrive one, redrive by filter or by a list of event ids. */
final class DlqController {

    /** A bulk redrive by ids takes at most this many; a filter has no such limit. */
    static final int MAX_SELECTED = 1000;
    private static final Set<String> BULK_FIELDS = Set.of("provider", "since", "event_ids");

    private final LedgerReader reader;
    private final Redriver redriver;

    DlqController(LedgerReader reader, Redriver redriver) {
        this.reader = reader;
        this.redriver = redriver;
    }

    void list(Context ctx) {
        // read strictly: a filter that cannot be applied (bad escape, unknown name) must not widen the list
        QueryParams query = QueryParams.parse(ctx.queryString(), Set.of("provider", "since", "limit", "before"));
        DeadLetterFilter filter = new DeadLetterFilter(provider(query.nonEmpty("provider").orElse(null), "provider"),
                since(query.nonEmpty("since").orElse(null), "since"));
        Views.DeadLetterPage page = reader.deadLetters(filter, OrdersApi.before(query), OrdersApi.limit(query));
        ObjectNode body = ContractJson.MAPPER.createObjectNode();
        body.set("dead_letters", ContractJson.MAPPER.valueToTree(page.items()));
        body.put("next", page.next());
        body.put("total", page.total());
        ctx.json(body);
    }

    void redriveOne(Context ctx) {
        String eventId = ctx.pathParam("event_id");
        Redriver.Result result = redriver.redrive(eventId);
        if (result instanceof Redriver.Result.Redriven redriven) {
            ObjectNode body = ContractJson.MAPPER.createObjectNode();
            body.put("event_id", eventId);
            body.put("outcome", redriven.outcome().wire());
            ctx.json(body);
        } else if (result instanceof Redriver.Result.StillPoison poison) {
            throw new ApiException(422, "still_poison", poison.error());
        } else {
            throw ApiException.notFound("Event " + eventId + " is not dead-lettered (never was, or has been redriven already).");
        }
    }

    /** A JSON object: {@code provider} and/or {@code since} select by filter, {@code event_ids} names them; {@code {}} is all. */
    void redriveBulk(Context ctx) {
        JsonNode request = bulkRequest(ctx.bodyAsBytes());
        Redriver.BulkResult result;
        if (request.has("event_ids")) {
            if (request.has("provider") || request.has("since")) {
                throw invalid("Give either event_ids or a provider/since filter, not both");
            }
            result = redriver.redriveEach(eventIds(request.get("event_ids")));
        } else {
            result = redriver.redriveAll(new DeadLetterFilter(provider(text(request, "provider"), "provider"), since(text(request, "since"), "since")));
        }
        ObjectNode body = ContractJson.MAPPER.createObjectNode();
        body.put("matched", result.matched());
        body.put("applied", result.applied());
        body.put("ignored", result.ignored());
        body.put("still_poison", result.stillPoison());
        body.put("not_dead_lettered", result.notDeadLettered());
        ctx.json(body);
    }

    private static JsonNode bulkRequest(byte[] raw) {
        JsonNode request;
        try {
            request = ContractJson.tree(raw);
        } catch (IllegalArgumentException e) {
            throw invalid("The body must be a JSON object such as {\"provider\":\"stripe\"} ({} redrives every dead letter)");
        }
        if (request == null || !request.isObject()) {
            throw invalid("The body must be a JSON object such as {\"provider\":\"stripe\"} ({} redrives every dead letter)");
        }
        // a misspelt filter field must not widen the redrive to every dead letter
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BULK_FIELDS.contains(name)) {
                throw invalid("The body has an unknown field \"" + name + "\"; the fields are provider, since and event_ids");
            }
        }
        return request;
    }

    private static List<String> eventIds(JsonNode node) {
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_SELECTED) {
            throw invalid("event_ids must be a list of 1 to " + MAX_SELECTED + " event ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : node) {
            if (!id.isTextual() || id.asText().isEmpty()) {
                throw invalid("event_ids must hold event ids as strings, got " + id);
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string, got " + value);
        }
        return value.asText();
    }

    private static Optional<String> provider(String raw, String name) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Provider.fromId(raw).orElseThrow(() -> ApiException.badRequest("invalid_parameter",
                name + " must be one of " + String.join(", ", Arrays.stream(Provider.values()).map(Provider::id).toList()) + ", got \"" + raw + "\".")).id());
    }

    private static Optional<Instant> since(String raw, String name) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(raw));
        } catch (DateTimeException e) {
            throw ApiException.badRequest("invalid_parameter", name + " must be a UTC time such as " + UtcMillis.format(Instant.EPOCH)
                    + ", got \"" + raw + "\".");
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_payload", message + ".");
    }
}
