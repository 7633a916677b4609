package dev.webhookgate.orders.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.ProviderProfile;
import dev.webhookgate.contract.WebhookEnvelope;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping table of docs/api.md (Order consumer API): one envelope in, one effect out, or a
 * {@link PoisonEventException} naming what is wrong. Pure, so every row is testable without Kafka or SQL.
 */
public final class EventMapper implements EventMapping {

    /** Shopify names the event in a header, not in the body. */
    private static final String SHOPIFY_TOPIC = ProviderProfile.of(Provider.SHOPIFY).eventTypeHeader().orElseThrow();

    @Override
    public Effect map(WebhookEnvelope envelope) {
        return switch (envelope.provider()) {
            case WHATSAPP -> WhatsAppMessage.map(envelope.contentType(), envelope.body());
            case STRIPE -> stripe(Fields.jsonObject(envelope.body(), "stripe"));
            case CUSTOM, STANDARD -> typed(envelope.provider().id(), Fields.jsonObject(envelope.body(), envelope.provider().id()));
            case SHOPIFY -> shopify(envelope);
            case GITHUB -> {
                Fields.jsonObject(envelope.body(), "github");
                yield new Effect.Ignore("github events carry no orders or payments");
            }
        };
    }

    private static Effect stripe(JsonNode event) {
        String type = Fields.optionalText(event, "type");
        if ("payment_intent.succeeded".equals(type)) {
            JsonNode intent = dataObject(event);
            long amount = intent.hasNonNull("amount_received") && intent.get("amount_received").asLong() > 0
                    ? Fields.positiveAmount(intent, "amount_received")
                    : Fields.positiveAmount(intent, "amount");
            JsonNode metadata = intent.path("metadata");
            return new Effect.BookPayment(PaymentKind.PAYMENT, Fields.requiredText(intent, "id"), amount,
                    Fields.currency(Fields.requiredText(intent, "currency")),
                    metadata.isObject() ? Fields.optionalText(metadata, "order_id") : null);
        }
        if ("charge.refunded".equals(type)) {
            JsonNode charge = dataObject(event);
            // the newest refund comes first in Stripe's list; without a list the charge's total is what was refunded
            JsonNode newest = charge.path("refunds").path("data").path(0);
            long amount = newest.isObject() ? Fields.positiveAmount(newest, "amount") : Fields.positiveAmount(charge, "amount_refunded");
            // the event id is the natural id: each refund event books once, a retry of it never again
            return new Effect.BookPayment(PaymentKind.REFUND, Fields.requiredText(event, "id"), amount,
                    Fields.currency(Fields.requiredText(charge, "currency")), Fields.optionalText(charge, "payment_intent"));
        }
        return new Effect.Ignore(type == null ? "stripe event has no type" : "stripe event " + type + " is not booked");
    }

    private static JsonNode dataObject(JsonNode event) {
        JsonNode object = event.path("data").path("object");
        if (!object.isObject()) {
            throw new PoisonEventException("stripe event " + event.path("type").asText() + " has no data.object");
        }
        return object;
    }

    /** Custom and Standard Webhooks bodies: flat as docs/api.md shows them, or with the fields under {@code data}. */
    private static Effect typed(String provider, JsonNode body) {
        String type = Fields.optionalText(body, "type");
        JsonNode payload = body.path("data").isObject() && !body.has("items") && !body.has("amount") ? body.get("data") : body;
        if ("order.created".equals(type)) {
            JsonNode items = payload.path("items");
            if (!items.isArray() || items.isEmpty()) {
                throw new PoisonEventException(provider + " order.created has no items");
            }
            List<OrderLine> lines = new ArrayList<>();
            for (JsonNode item : items) {
                if (!item.isObject()) {
                    throw new PoisonEventException(provider + " order.created item is not an object: " + item);
                }
                lines.add(new OrderLine(Fields.requiredText(item, "sku"), Fields.positiveQuantity(item, "quantity"),
                        Fields.optionalNonNegative(item, "unit_price")));
            }
            return new Effect.PlaceOrder(Fields.requiredText(payload, "retailer"), null,
                    Fields.optionalCurrency(payload, "currency"), lines);
        }
        if ("payment.succeeded".equals(type)) {
            return new Effect.BookPayment(PaymentKind.PAYMENT, null, Fields.positiveAmount(payload, "amount"),
                    Fields.currency(Fields.requiredText(payload, "currency")), Fields.optionalText(payload, "order_id"));
        }
        return new Effect.Ignore(type == null ? provider + " event has no type" : provider + " event " + type + " is not booked");
    }

    private static Effect shopify(WebhookEnvelope envelope) {
        JsonNode order = Fields.jsonObject(envelope.body(), "shopify");
        String topic = envelope.header(SHOPIFY_TOPIC);
        if (!"orders/create".equals(topic)) {
            return new Effect.Ignore(topic == null ? "shopify event has no x-shopify-topic" : "shopify topic " + topic + " is not booked");
        }
        String currency = Fields.optionalCurrency(order, "currency");
        JsonNode items = order.path("line_items");
        if (!items.isArray() || items.isEmpty()) {
            throw new PoisonEventException("shopify order has no line_items");
        }
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode item : items) {
            String sku = Fields.optionalText(item, "sku");
            String price = Fields.optionalText(item, "price");
            lines.add(new OrderLine(sku != null ? sku : Fields.requiredText(item, "title"), Fields.positiveQuantity(item, "quantity"),
                    price == null ? null : Fields.minorUnits(price, currency, "price")));
        }
        String shop = envelope.header("x-shopify-shop-domain");
        return new Effect.PlaceOrder(shop != null ? shop : "shopify", Fields.requiredText(order, "id"), currency, lines);
    }
}
